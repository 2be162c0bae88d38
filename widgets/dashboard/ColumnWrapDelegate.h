#pragma once
// Word wrap in a QTreeView without uniform row heights: the view asks each
// cell's height without a width, so a wrapped text would be measured as one
// line and then drawn cut. This delegate measures it at its column's width.
#include <QStyledItemDelegate>

class QTreeView;

namespace e2i {

class ColumnWrapDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit ColumnWrapDelegate(QTreeView *view);

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    QTreeView *m_view;
};

} // namespace e2i

#pragma once
// Paints a progress bar, with the cell's text on it, in a cell whose
// BackupTargetsModel::ProgressRole is set: a filled bar when the total is
// known, the style's busy bar when it is not (a diskless transfer has no
// length until it ends). Every other cell is painted as usual.
#include <QStyledItemDelegate>

namespace e2i {

class RunProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace e2i

#pragma once
// Rows of a TimelineModel of one event kind (or all) whose text contains a
// string (case-insensitive, in any column).
#include <QSortFilterProxyModel>

namespace e2i {

class TimelineFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

    void setKind(const QString &kind);
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QString m_kind;
    QString m_text;
};

} // namespace e2i

#include "TwoLevelTreeModel.h"

namespace e2i {

QModelIndex TwoLevelTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    return createIndex(row, column, parent.isValid() ? quintptr(parent.row() + 1) : kTopRow);
}

QModelIndex TwoLevelTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || isTopRow(child))
        return {};
    return createIndex(topRowOf(child), 0, kTopRow);
}

int TwoLevelTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return topRowCount();
    if (isTopRow(parent) && parent.column() == 0)
        return childRowCount(parent.row());
    return 0;
}

} // namespace e2i

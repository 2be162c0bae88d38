#pragma once
// A model of exactly two levels: top rows, each with child rows (tiers and their
// workers, cost scenarios and their workloads). It owns the index bookkeeping so the
// models on it only say how many rows there are and what a cell shows: internalId 0
// marks a top row, a child row stores its top row + 1. Children have children of
// their own in no column, and only column 0 of a top row has children.
#include <QAbstractItemModel>

namespace e2i {

class TwoLevelTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    using QAbstractItemModel::QAbstractItemModel;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const final;
    QModelIndex parent(const QModelIndex &child) const final;
    int rowCount(const QModelIndex &parent = {}) const final;

protected:
    virtual int topRowCount() const = 0;
    virtual int childRowCount(int topRow) const = 0;

    static bool isTopRow(const QModelIndex &index) { return index.internalId() == kTopRow; }
    // The top row a child row belongs to.
    static int topRowOf(const QModelIndex &child) { return int(child.internalId() - 1); }

private:
    static constexpr quintptr kTopRow = 0;
};

} // namespace e2i

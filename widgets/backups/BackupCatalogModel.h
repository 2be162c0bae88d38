#pragma once
// The backup catalog as a table, newest first: target, start, duration, size,
// SHA-256 (short; the full digest in the tooltip), verification state (icon
// shape and text, never colour alone), user, environment and what was found.
#include "backup/BackupEntry.h"

#include <QAbstractTableModel>
#include <QList>

namespace e2i {

class BackupCatalogModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Target, Started, Duration, Size, Sha256, Verification, User, Environment, Detail, ColumnCount };

    explicit BackupCatalogModel(QObject *parent = nullptr);

    void setEntries(QList<BackupEntry> entries);
    const BackupEntry *entryAt(int row) const;
    int rowOf(const QString &id) const; // -1 when the catalog has no such entry

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const BackupEntry &entry, int column) const;
    QVariant toolTip(const BackupEntry &entry, int column) const;

    QList<BackupEntry> m_entries;
};

} // namespace e2i

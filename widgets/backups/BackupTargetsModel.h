#pragma once
// The backup targets as a table: kind, last verified backup and its age, a
// freshness flag (no verified backup younger than max_age_hours: icon shape and
// text, never colour alone) and the state of the current run per target.
// A run backs its targets up one after another, in the order given, so the
// target after one that ended is the one now running.
#include "backup/BackupEntry.h"
#include "backup/BackupTarget.h"
#include "monitor/PlatformSample.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QStringList>

#include <optional>

namespace e2i {

class BackupTargetsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Target, Kind, LastVerified, Age, Freshness, Run, ColumnCount };
    enum Role {
        ProgressRole = Qt::UserRole + 1, // Run column while running: done fraction 0..1, or -1 when the total is unknown
    };
    enum class RunState { Idle, Queued, Running, Verified, Failed, Cancelled };

    BackupTargetsModel(const QList<BackupTarget> &targets, int maxAgeHours, QObject *parent = nullptr);

    void setCatalog(const QList<BackupEntry> &entries);
    void setNow(const QDateTime &nowUtc);

    void startRun(const QStringList &targets);
    void setProgress(const QString &target, qint64 bytes, qint64 total);
    void setSucceeded(const BackupEntry &entry);
    void setFailed(const QString &target, const QString &message, bool cancelled);

    QString targetName(int row) const;
    bool isStale(int row) const;
    RunState runState(int row) const;
    QString runText(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString name;
        QString kind;
        std::optional<BackupEntry> lastVerified;
        RunState run = RunState::Idle;
        qint64 bytes = 0;
        qint64 total = 0;
        QString message;
    };

    int rowOf(const QString &target) const;
    qint64 ageSeconds(const Row &row) const;
    bool isStale(const Row &row) const;
    HealthStatus freshness(const Row &row) const;
    QString maxAgeText() const;
    QVariant display(const Row &row, int column) const;
    QVariant toolTip(const Row &row, int column) const;
    QVariant decoration(const Row &row, int column) const;
    QVariant progress(const Row &row, int column) const;
    void endRunOf(int row, RunState state, const QString &message);
    void rowChanged(int row);

    QList<Row> m_rows;
    QStringList m_queue; // targets of the current run not yet ended, in run order
    int m_maxAgeHours;
    QDateTime m_now;
};

} // namespace e2i

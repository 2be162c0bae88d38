#pragma once
// The autoscale policy as an editable table: one row per tier, one column per
// editable scalar (named as in the file). It holds what was loaded, what the
// operator typed, and the problems found in the typed values; it does not judge
// them itself: the tab runs AutoscaleFileEditor::plan() and hands the problems back,
// so the console checks exactly what the CLI checks.
#include "platform/AutoscaleChange.h"
#include "platform/PlatformProfile.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace e2i {

class PolicyEditModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TierColumn, QueuesColumn, FirstKeyColumn };
    enum Role { FieldRole = Qt::UserRole, ProblemRole, EditedRole };

    explicit PolicyEditModel(QObject *parent = nullptr);

    // Starts over from `policy`: every typed value and problem is dropped.
    void setPolicy(const AutoscalePolicy &policy);
    const AutoscalePolicy &policy() const { return m_policy; }

    // A top-level key (poll_interval_seconds) typed outside the table.
    void setTopLevelValue(const QString &key, const QString &value);
    QString topLevelValue(const QString &key) const;

    // The typed values that differ from the loaded ones, in table order.
    QList<AutoscaleChange> changes() const;
    // field ("tiers.heavy.min_replicas", or "tiers.heavy" for a whole tier) -> reason.
    void setProblems(const QHash<QString, QString> &problems);
    QString problem(const QString &field) const { return m_problems.value(field); }
    // The field a diagnostic's dotted path belongs to in this table (the tier's
    // field for paths below a tier that have no column); empty when none.
    QString fieldFor(const QString &diagnosticField) const;

    QModelIndex indexOf(const QString &tier, const QString &key) const;
    static QString keyOf(int column);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    // The typed values changed (not the problems).
    void changesEdited();

private:
    static const QStringList &editableKeys();
    QString fieldAt(const QModelIndex &index) const;
    QString valueAt(const QModelIndex &index) const;
    QString loadedValue(const QModelIndex &index) const;
    QVariant decoration(const QString &field) const;
    QVariant background(const QString &field) const;
    void setTyped(const AutoscaleChange &change);

    AutoscalePolicy m_policy;
    QHash<QString, AutoscaleChange> m_typed; // field -> typed value, only where it differs
    QHash<QString, QString> m_problems;
};

} // namespace e2i

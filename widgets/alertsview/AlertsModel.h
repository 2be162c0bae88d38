#pragma once
// The Alerts panel's rows: firing first, then pending, then recently resolved,
// newest first within each. The alerts come from the evaluator (or, in a
// snapshot, from the history file); silences the panel learns of before the
// evaluator does (one just made here, or read with the recorded alerts) are
// applied on top, so a silenced alert greys out at once.
#include "alerts/AlertSilence.h"
#include "alerts/AlertState.h"

#include <QAbstractTableModel>

namespace e2i {

class AlertsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Severity, Rule, Subject, Text, Since, Duration, State, Silenced, ColumnCount };

    explicit AlertsModel(QObject *parent = nullptr);

    void setAlerts(const QList<AlertState> &alerts, qint64 nowMs);
    void addSilences(const QList<AlertSilence> &silences, qint64 nowMs);
    // Moves the clock the durations and silences are judged at.
    void setNow(qint64 nowMs);

    const QList<AlertState> &alerts() const { return m_rows; }
    const AlertState &alertAt(int row) const { return m_rows.at(row); }
    // Firing and resolved alerts start when they fired, pending ones when the condition began.
    static qint64 sinceMs(const AlertState &alert);
    qint64 durationMs(const AlertState &alert) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void rebuild();
    QVariant display(const AlertState &alert, int column) const;
    QVariant foreground(const AlertState &alert, int column) const;
    QString toolTip(const AlertState &alert) const;

    QList<AlertState> m_given;
    QList<AlertSilence> m_silences;
    QList<AlertState> m_rows;
    qint64 m_nowMs = 0;
};

} // namespace e2i

#include "AlertsModel.h"

#include "alerts/AlertEvaluator.h"
#include "common/StatusIcon.h"
#include "common/Theme.h"
#include "dashboard/ModelRoles.h"

#include <QDateTime>
#include <QFont>
#include <QGuiApplication>
#include <QPalette>

#include <algorithm>

namespace e2i {
namespace {

using Phase = AlertState::Phase;

int phaseOrder(Phase phase)
{
    switch (phase) {
    case Phase::Firing:
        return 0;
    case Phase::Pending:
        return 1;
    case Phase::Resolved:
        return 2;
    case Phase::Inactive:
        break;
    }
    return 3;
}

// The newest thing that happened to the alert, for "newest first".
qint64 latestMs(const AlertState &a)
{
    return a.phase == Phase::Resolved ? a.resolvedAtMs : AlertsModel::sinceMs(a);
}

QString utc(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                  : QString();
}

HealthStatus statusOf(AlertSeverity severity)
{
    return severity == AlertSeverity::Critical ? HealthStatus::Down : HealthStatus::Degraded;
}

QString stateText(const AlertState &a)
{
    switch (a.phase) {
    case Phase::Firing:
        return QStringLiteral("FIRING");
    case Phase::Resolved:
        return QStringLiteral("resolved %1").arg(utc(a.resolvedAtMs).mid(11));
    default:
        return AlertState::phaseName(a.phase);
    }
}

} // namespace

AlertsModel::AlertsModel(QObject *parent) : QAbstractTableModel(parent) {}

qint64 AlertsModel::sinceMs(const AlertState &a)
{
    return a.phase == Phase::Pending || a.firedAtMs == 0 ? a.activeSinceMs : a.firedAtMs;
}

qint64 AlertsModel::durationMs(const AlertState &a) const
{
    const qint64 end = a.phase == Phase::Resolved ? a.resolvedAtMs : m_nowMs;
    return std::max<qint64>(0, end - sinceMs(a));
}

void AlertsModel::setAlerts(const QList<AlertState> &alerts, qint64 nowMs)
{
    m_given = alerts;
    m_nowMs = nowMs;
    rebuild();
}

void AlertsModel::addSilences(const QList<AlertSilence> &silences, qint64 nowMs)
{
    m_silences += silences;
    m_nowMs = nowMs;
    rebuild();
}

void AlertsModel::setNow(qint64 nowMs)
{
    m_nowMs = nowMs;
    m_silences.removeIf([nowMs](const AlertSilence &s) { return s.untilMs <= nowMs; });
    rebuild();
}

void AlertsModel::rebuild()
{
    QList<AlertState> rows;
    for (AlertState a : std::as_const(m_given)) {
        if (a.phase == Phase::Inactive)
            continue;
        // The evaluator's mark stands unless a silence known here lasts longer.
        const AlertState evaluated = a;
        AlertEvaluator::markSilenced(a, m_silences, m_nowMs);
        if (evaluated.silenced && evaluated.silencedUntilMs >= a.silencedUntilMs)
            a = evaluated;
        rows.append(a);
    }
    std::stable_sort(rows.begin(), rows.end(), [](const AlertState &x, const AlertState &y) {
        if (phaseOrder(x.phase) != phaseOrder(y.phase))
            return phaseOrder(x.phase) < phaseOrder(y.phase);
        return latestMs(x) > latestMs(y);
    });
    if (rows.size() == m_rows.size()) {
        m_rows = rows;
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int AlertsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AlertsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const AlertState &a = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(a, index.column());
    case Qt::DecorationRole:
        return index.column() == Severity ? QVariant(StatusIcon::icon(statusOf(a.severity))) : QVariant();
    case Qt::ForegroundRole:
        return foreground(a, index.column());
    case Qt::FontRole:
        if (a.phase == Phase::Firing && !a.silenced && (index.column() == Severity || index.column() == State)) {
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::ToolTipRole:
        return toolTip(a);
    default:
        return {};
    }
}

QVariant AlertsModel::display(const AlertState &a, int column) const
{
    switch (column) {
    case Severity:
        return AlertRule::severityName(a.severity);
    case Rule:
        return a.rule;
    case Subject:
        return a.subject;
    case Text:
        return a.text;
    case Since:
        return utc(sinceMs(a));
    case Duration:
        return formatAge(durationMs(a) / 1000);
    case State:
        return stateText(a);
    case Silenced:
        return a.silenced ? tr("until %1 UTC by %2").arg(utc(a.silencedUntilMs), a.silencedBy) : QString();
    default:
        return {};
    }
}

// Silenced rows are greyed as a whole; otherwise the severity word carries its colour
// (paired with the icon's shape, so it does not rest on colour alone).
QVariant AlertsModel::foreground(const AlertState &a, int column) const
{
    if (a.silenced)
        return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
    if (column == Severity && a.phase != Phase::Resolved)
        return Theme::statusColour(statusOf(a.severity));
    if (a.phase == Phase::Resolved)
        return QGuiApplication::palette().color(QPalette::PlaceholderText);
    return {};
}

QString AlertsModel::toolTip(const AlertState &a) const
{
    QStringList lines{a.key() + u"  (" + AlertRule::severityName(a.severity) + u')', a.text};
    if (!a.value.isEmpty())
        lines << tr("value: %1").arg(a.value);
    lines << tr("active since %1 UTC").arg(utc(a.activeSinceMs));
    if (a.firedAtMs > 0)
        lines << tr("fired %1 UTC").arg(utc(a.firedAtMs));
    if (a.resolvedAtMs > 0)
        lines << tr("resolved %1 UTC").arg(utc(a.resolvedAtMs));
    if (a.silenced)
        lines << tr("silenced by %1 until %2 UTC").arg(a.silencedBy, utc(a.silencedUntilMs));
    lines << tr("Double-click to show %1 on the dashboard").arg(a.subject);
    return lines.join(u'\n');
}

QVariant AlertsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Severity:
        return tr("Severity");
    case Rule:
        return tr("Rule");
    case Subject:
        return tr("Subject");
    case Text:
        return tr("Alert");
    case Since:
        return tr("Since (UTC)");
    case Duration:
        return tr("Duration");
    case State:
        return tr("State");
    case Silenced:
        return tr("Silenced");
    default:
        return {};
    }
}

} // namespace e2i

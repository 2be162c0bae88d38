#include "ServicesModel.h"

#include "ModelRoles.h"
#include "common/StatusIcon.h"
#include "common/Theme.h"

namespace e2i {
namespace {

// Sorting by status puts what needs someone first: down, degraded, unknown
// (no check, or no answer yet), up, then services Compose does not start.
int attentionRank(const ServiceHealth &s)
{
    if (s.label == QLatin1String("not started"))
        return 4;
    switch (s.status) {
    case HealthStatus::Down:
        return 0;
    case HealthStatus::Degraded:
        return 1;
    case HealthStatus::Unknown:
        return 2;
    case HealthStatus::Up:
        return 3;
    }
    return 2;
}

} // namespace

ServicesModel::ServicesModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

QString ServicesModel::summary() const
{
    int counts[5] = {};
    for (const ServiceHealth &s : m_services)
        ++counts[attentionRank(s)];
    static const char *const names[] = {"down", "degraded", "unknown", "up", "not started"};
    QStringList parts;
    for (int rank = 0; rank < 5; ++rank)
        if (counts[rank] > 0)
            parts.append(QStringLiteral("%1 %2").arg(counts[rank]).arg(QLatin1String(names[rank])));
    return parts.join(QStringLiteral(" · "));
}

void ServicesModel::setSample(const PlatformSample &sample)
{
    const bool sameRows = sample.services.size() == m_services.size()
        && std::equal(sample.services.begin(), sample.services.end(), m_services.begin(),
                      [](const ServiceHealth &a, const ServiceHealth &b) { return a.name == b.name; });
    if (!sameRows)
        beginResetModel();
    m_services = sample.services;
    m_sampledAt = sample.sampledAt;
    if (!sameRows)
        endResetModel();
    else if (!m_services.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int ServicesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_services.size());
}

int ServicesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

qint64 ServicesModel::secondsSinceChange(const ServiceHealth &s) const
{
    return s.lastChange.isValid() ? s.lastChange.secsTo(m_sampledAt) : -1;
}

QVariant ServicesModel::display(const ServiceHealth &s, int column) const
{
    switch (column) {
    case Name:
        return s.name;
    case Status:
        return s.label.isEmpty() ? healthStatusName(s.status) : s.label;
    case Latency:
        return s.latencyMs >= 0 ? QStringLiteral("%1 ms").arg(s.latencyMs, 0, 'f', s.latencyMs < 10 ? 1 : 0)
                                : QStringLiteral("–");
    case Http:
        return s.httpStatus > 0 ? QString::number(s.httpStatus) : QStringLiteral("–");
    case Changed:
        return formatAge(secondsSinceChange(s));
    case Probe: // one line per service, whatever the check's script looks like
        return (s.detail.isEmpty() ? s.target : s.detail).simplified();
    }
    return {};
}

QVariant ServicesModel::sortKey(const ServiceHealth &s, int column) const
{
    switch (column) {
    case Status: // by rank, then by name within a rank
        return QStringLiteral("%1 %2").arg(attentionRank(s)).arg(s.name);
    case Latency:
        return s.latencyMs;
    case Http:
        return s.httpStatus;
    case Changed:
        return secondsSinceChange(s);
    default:
        return display(s, column);
    }
}

QString ServicesModel::toolTip(const ServiceHealth &s) const
{
    QString tip = QStringLiteral("<b>%1</b>: %2<br>probe: %3").arg(s.name.toHtmlEscaped(), healthStatusName(s.status),
                                                                   s.target.toHtmlEscaped());
    if (!s.detail.isEmpty())
        tip += QStringLiteral("<br>last error: ") + s.detail.toHtmlEscaped();
    if (s.lastChange.isValid())
        tip += QStringLiteral("<br>status since ") + s.lastChange.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    return tip;
}

QVariant ServicesModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ServiceHealth &s = m_services.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(s, index.column());
    case SortRole:
        return sortKey(s, index.column());
    case StatusRole:
        return int(s.status);
    case Qt::ToolTipRole:
        return toolTip(s);
    case Qt::DecorationRole:
        return index.column() == Status ? QVariant(StatusIcon::icon(s.status)) : QVariant();
    case Qt::ForegroundRole:
        return index.column() == Status ? QVariant(Theme::statusColour(s.status)) : QVariant();
    case Qt::TextAlignmentRole:
        return index.column() == Latency || index.column() == Http || index.column() == Changed
            ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter))
            : QVariant();
    default:
        return {};
    }
}

QVariant ServicesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name:
        return tr("Service");
    case Status:
        return tr("Status");
    case Latency:
        return tr("Latency");
    case Http:
        return tr("HTTP");
    case Changed:
        return tr("Since change");
    case Probe:
        return tr("Probe / last error");
    }
    return {};
}

} // namespace e2i

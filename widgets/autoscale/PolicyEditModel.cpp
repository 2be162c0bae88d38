#include "PolicyEditModel.h"

#include "common/StatusIcon.h"
#include "common/Theme.h"
#include "platform/AutoscalePolicyFields.h"

#include <QFont>
#include <QGuiApplication>

namespace e2i {
namespace {

constexpr int kIconSize = 14;
// The error colour as a tint behind the text, light enough to keep it readable.
constexpr int kProblemTintAlpha = 60;

QString tierField(const QString &tier) { return QStringLiteral("tiers.") + tier; }

} // namespace

PolicyEditModel::PolicyEditModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

const QStringList &PolicyEditModel::editableKeys()
{
    // Every scalar the CLI can set on a tier except `service`, which moves a tier to
    // another container and is not a threshold.
    static const QStringList keys = AutoscalePolicyFields::tierKeys().mid(1);
    return keys;
}

QString PolicyEditModel::keyOf(int column)
{
    return editableKeys().value(column - FirstKeyColumn);
}

void PolicyEditModel::setPolicy(const AutoscalePolicy &policy)
{
    beginResetModel();
    m_policy = policy;
    m_typed.clear();
    m_problems.clear();
    endResetModel();
    emit changesEdited();
}

void PolicyEditModel::setTopLevelValue(const QString &key, const QString &value)
{
    setTyped(AutoscaleChange{QString(), key, value.trimmed()});
}

QString PolicyEditModel::topLevelValue(const QString &key) const
{
    if (const auto typed = m_typed.constFind(key); typed != m_typed.constEnd())
        return typed->value;
    return AutoscalePolicyFields::value(m_policy, QString(), key).value_or(QString());
}

void PolicyEditModel::setTyped(const AutoscaleChange &change)
{
    const QString field = change.field();
    const bool same = AutoscalePolicyFields::value(m_policy, change.tier, change.key) == change.value;
    const auto typed = m_typed.constFind(field);
    const bool unchanged = same ? typed == m_typed.constEnd() : typed != m_typed.constEnd() && typed->value == change.value;
    if (unchanged)
        return;
    if (same)
        m_typed.remove(field);
    else
        m_typed.insert(field, change);
    emit changesEdited();
}

QList<AutoscaleChange> PolicyEditModel::changes() const
{
    QList<AutoscaleChange> list;
    for (const QString &key : AutoscalePolicyFields::topLevelKeys()) {
        if (m_typed.contains(key))
            list << m_typed.value(key);
    }
    for (const TierPolicy &tier : m_policy.tiers) {
        for (const QString &key : editableKeys()) {
            const QString field = AutoscaleChange{tier.name, key, {}}.field();
            if (m_typed.contains(field))
                list << m_typed.value(field);
        }
    }
    return list;
}

void PolicyEditModel::setProblems(const QHash<QString, QString> &problems)
{
    if (problems == m_problems)
        return;
    m_problems = problems;
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, columnCount() - 1));
}

QString PolicyEditModel::fieldFor(const QString &diagnosticField) const
{
    if (AutoscalePolicyFields::topLevelKeys().contains(diagnosticField))
        return diagnosticField;
    for (const TierPolicy &tier : m_policy.tiers) {
        const QString prefix = tierField(tier.name);
        if (diagnosticField != prefix && !diagnosticField.startsWith(prefix + u'.'))
            continue;
        const QString key = diagnosticField.mid(prefix.size() + 1);
        return editableKeys().contains(key) ? diagnosticField : prefix;
    }
    return QString();
}

QModelIndex PolicyEditModel::indexOf(const QString &tier, const QString &key) const
{
    for (int row = 0; row < m_policy.tiers.size(); ++row) {
        if (m_policy.tiers[row].name == tier)
            return index(row, key.isEmpty() ? int(TierColumn) : int(FirstKeyColumn + editableKeys().indexOf(key)));
    }
    return {};
}

int PolicyEditModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_policy.tiers.size());
}

int PolicyEditModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(FirstKeyColumn + editableKeys().size());
}

QString PolicyEditModel::fieldAt(const QModelIndex &index) const
{
    const QString tier = m_policy.tiers.at(index.row()).name;
    if (index.column() < FirstKeyColumn)
        return tierField(tier);
    return AutoscaleChange{tier, keyOf(index.column()), {}}.field();
}

QString PolicyEditModel::valueAt(const QModelIndex &index) const
{
    const TierPolicy &tier = m_policy.tiers.at(index.row());
    if (index.column() == TierColumn)
        return tier.name;
    if (index.column() == QueuesColumn)
        return tier.queues.join(QStringLiteral(", "));
    if (const auto typed = m_typed.constFind(fieldAt(index)); typed != m_typed.constEnd())
        return typed->value;
    return loadedValue(index);
}

QString PolicyEditModel::loadedValue(const QModelIndex &index) const
{
    return AutoscalePolicyFields::value(m_policy, m_policy.tiers.at(index.row()).name, keyOf(index.column())).value_or(QString());
}

QVariant PolicyEditModel::decoration(const QString &field) const
{
    if (!m_problems.contains(field))
        return {};
    return StatusIcon::pixmap(HealthStatus::Down, kIconSize, qApp->devicePixelRatio());
}

QVariant PolicyEditModel::background(const QString &field) const
{
    if (!m_problems.contains(field))
        return {};
    QColor tint = Theme::statusColour(HealthStatus::Down);
    tint.setAlpha(kProblemTintAlpha);
    return tint;
}

QVariant PolicyEditModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const QString field = fieldAt(index);
    const bool edited = index.column() >= FirstKeyColumn && m_typed.contains(field);
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return valueAt(index);
    case Qt::DecorationRole:
        return index.column() == QueuesColumn ? QVariant() : decoration(field);
    case Qt::BackgroundRole:
        return index.column() == QueuesColumn ? QVariant() : background(field);
    case Qt::ToolTipRole:
        if (index.column() == QueuesColumn)
            return tr("Queues are a list; edit them in the file");
        return m_problems.value(field, edited ? tr("changed from %1").arg(loadedValue(index)) : QString());
    case Qt::FontRole:
        if (edited) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case FieldRole:
        return field;
    case ProblemRole:
        return m_problems.value(field);
    case EditedRole:
        return edited;
    default:
        return {};
    }
}

bool PolicyEditModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid) || index.column() < FirstKeyColumn)
        return false;
    setTyped(AutoscaleChange{m_policy.tiers[index.row()].name, keyOf(index.column()), value.toString().trimmed()});
    emit dataChanged(index, index);
    return true;
}

Qt::ItemFlags PolicyEditModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.isValid() && index.column() >= FirstKeyColumn)
        flags |= Qt::ItemIsEditable;
    return flags;
}

QVariant PolicyEditModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == TierColumn)
        return tr("tier");
    if (section == QueuesColumn)
        return tr("queues");
    return keyOf(section);
}

} // namespace e2i

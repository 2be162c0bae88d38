#include "AlertEvaluator.h"

#include <QSet>

#include <algorithm>

namespace e2i {
namespace {

using Phase = AlertState::Phase;

int phaseOrder(Phase phase)
{
    return phase == Phase::Firing ? 0 : phase == Phase::Pending ? 1 : 2;
}

qint64 newestTime(const AlertState &s)
{
    return std::max({s.activeSinceMs, s.firedAtMs, s.resolvedAtMs});
}

} // namespace

AlertEvaluator::AlertEvaluator(QList<AlertRule> rules, qint64 keepResolvedMs)
    : m_rules(std::move(rules)), m_keepResolvedMs(keepResolvedMs)
{
}

void AlertEvaluator::restoreFiring(const QList<AlertState> &firing)
{
    for (const AlertState &state : firing) {
        const bool known = std::any_of(m_rules.cbegin(), m_rules.cend(), [&](const AlertRule &r) { return r.name == state.rule; });
        if (state.phase == AlertState::Phase::Firing && known && !m_states.contains(state.key()))
            m_states.insert(state.key(), state);
    }
}

QList<AlertTransition> AlertEvaluator::evaluate(const AlertInputs &inputs)
{
    if (inputs.backups)
        m_backups = inputs.backups;
    const qint64 now = inputs.sample.sampledAt.toMSecsSinceEpoch();
    QList<AlertTransition> transitions;
    for (const AlertRule &rule : std::as_const(m_rules)) {
        if (!rule.enabled)
            continue;
        const AlertCondition condition = AlertCondition::judge(rule, inputs, m_backups ? &*m_backups : nullptr);
        if (condition.known)
            evaluateRule(rule, condition, now, transitions);
    }
    markSilences(now);
    for (AlertTransition &t : transitions) // the silence as of this evaluation
        t.state = m_states.value(t.state.key(), t.state);
    dropOldResolved(now);
    return transitions;
}

void AlertEvaluator::evaluateRule(const AlertRule &rule, const AlertCondition &condition, qint64 nowMs,
                                  QList<AlertTransition> &transitions)
{
    QSet<QString> holding;
    for (const AlertCondition::Hit &hit : condition.hits) {
        holding.insert(hit.subject);
        advance(rule, hit, nowMs, transitions);
    }
    for (auto it = m_states.begin(); it != m_states.end();) {
        AlertState &s = *it;
        if (s.rule != rule.name || holding.contains(s.subject) || s.phase == Phase::Resolved) {
            ++it;
            continue;
        }
        const Phase from = s.phase;
        if (from == Phase::Pending) {
            s.phase = Phase::Inactive;
            transitions.append({from, s});
            it = m_states.erase(it);
            continue;
        }
        s.phase = Phase::Resolved;
        s.resolvedAtMs = nowMs;
        transitions.append({from, s});
        ++it;
    }
}

void AlertEvaluator::advance(const AlertRule &rule, const AlertCondition::Hit &hit, qint64 nowMs,
                             QList<AlertTransition> &transitions)
{
    const QString key = rule.name + u':' + hit.subject;
    auto it = m_states.find(key);
    if (it == m_states.end() || it->phase == Phase::Resolved) {
        AlertState fresh;
        fresh.rule = rule.name;
        fresh.subject = hit.subject;
        fresh.severity = rule.severity;
        fresh.phase = Phase::Pending;
        fresh.activeSinceMs = nowMs;
        it = m_states.insert(key, fresh);
        if (rule.forMs > 0)
            transitions.append({Phase::Inactive, *it});
    }
    AlertState &s = *it;
    s.value = hit.value;
    s.text = rule.render(hit.subject, hit.value);
    if (s.phase == Phase::Pending && nowMs - s.activeSinceMs >= rule.forMs) {
        s.phase = Phase::Firing;
        s.firedAtMs = nowMs;
        transitions.append({rule.forMs > 0 ? Phase::Pending : Phase::Inactive, s});
    }
}

void AlertEvaluator::markSilences(qint64 nowMs)
{
    for (AlertState &s : m_states)
        markSilenced(s, m_silences, nowMs);
}

void AlertEvaluator::markSilenced(AlertState &s, const QList<AlertSilence> &silences, qint64 nowMs)
{
    s.silenced = false;
    s.silencedUntilMs = 0;
    s.silencedBy.clear();
    for (const AlertSilence &silence : silences) {
        if (!silence.covers(s.rule, s.subject, nowMs) || silence.untilMs <= s.silencedUntilMs)
            continue;
        s.silenced = true;
        s.silencedUntilMs = silence.untilMs;
        s.silencedBy = silence.who;
    }
}

void AlertEvaluator::dropOldResolved(qint64 nowMs)
{
    m_states.removeIf([&](const QHash<QString, AlertState>::iterator &it) {
        return it->phase == Phase::Resolved && nowMs - it->resolvedAtMs > m_keepResolvedMs;
    });
}

QList<AlertState> AlertEvaluator::states() const
{
    QList<AlertState> out(m_states.cbegin(), m_states.cend());
    std::sort(out.begin(), out.end(), [](const AlertState &a, const AlertState &b) {
        if (phaseOrder(a.phase) != phaseOrder(b.phase))
            return phaseOrder(a.phase) < phaseOrder(b.phase);
        if (newestTime(a) != newestTime(b))
            return newestTime(a) > newestTime(b);
        return a.key() < b.key();
    });
    return out;
}

} // namespace e2i

#include "AlertEventCodec.h"

#include "history/EventKinds.h"
#include "history/TimeArgument.h"

#include <QRegularExpression>

namespace e2i {
namespace {

// The times are written out: the store may move an event's own time later
// (it never lets the timeline go backwards), the alert's times stay exact.
QString timesText(const AlertState &s)
{
    return QStringLiteral("active since ") + TimeArgument::formatUtc(s.activeSinceMs) + QStringLiteral(", fired ")
        + TimeArgument::formatUtc(s.firedAtMs);
}

qint64 parseTime(const QString &text)
{
    QString error;
    return TimeArgument::parse(text, 0, &error).value_or(0);
}

} // namespace

std::pair<QString, QString> AlertEventCodec::splitKey(const QString &key)
{
    const qsizetype colon = key.indexOf(u':');
    if (colon < 0)
        return {key, QString()};
    return {key.left(colon), key.mid(colon + 1)};
}

std::optional<HistoryEvent> AlertEventCodec::encode(const AlertTransition &transition)
{
    const AlertState &s = transition.state;
    const QString prefix = AlertRule::severityName(s.severity) + QStringLiteral(": ") + s.text;
    if (s.phase == AlertState::Phase::Firing)
        return HistoryEvent{0, s.firedAtMs, EventKinds::AlertFiring, s.key(), AlertState::phaseName(transition.from),
                            AlertState::phaseName(s.phase), prefix + QStringLiteral(" (") + timesText(s) + u')'};
    if (s.phase == AlertState::Phase::Resolved)
        return HistoryEvent{0, s.resolvedAtMs, EventKinds::AlertResolved, s.key(), AlertState::phaseName(transition.from),
                            AlertState::phaseName(s.phase), prefix + QStringLiteral(" (") + timesText(s) + u')'};
    return std::nullopt;
}

HistoryEvent AlertEventCodec::encodeSilence(const AlertSilence &silence)
{
    const QString subject = silence.subject.isEmpty() ? silence.rule : silence.rule + u':' + silence.subject;
    return {0, silence.fromMs, EventKinds::AlertSilenced, subject, QString(),
            QStringLiteral("until ") + TimeArgument::formatUtc(silence.untilMs), silence.who + QStringLiteral(": ") + silence.reason};
}

std::optional<AlertState> AlertEventCodec::decode(const HistoryEvent &event)
{
    static const QRegularExpression pattern(QStringLiteral(
        "^(warning|critical): (.*) \\(active since (\\S+?)(?:, fired (\\S+))?\\)$"),
        QRegularExpression::DotMatchesEverythingOption);
    const bool firing = event.kind == EventKinds::AlertFiring;
    if (!firing && event.kind != EventKinds::AlertResolved)
        return std::nullopt;
    const auto match = pattern.match(event.detail);
    if (!match.hasMatch())
        return std::nullopt;
    AlertState s;
    std::tie(s.rule, s.subject) = splitKey(event.subject);
    s.severity = *AlertRule::severityFromName(match.captured(1));
    s.text = match.captured(2);
    s.activeSinceMs = parseTime(match.captured(3));
    s.phase = firing ? AlertState::Phase::Firing : AlertState::Phase::Resolved;
    s.firedAtMs = match.captured(4).isEmpty() ? event.timeMs : parseTime(match.captured(4));
    s.resolvedAtMs = firing ? 0 : event.timeMs;
    return s;
}

std::optional<AlertSilence> AlertEventCodec::decodeSilence(const HistoryEvent &event)
{
    if (event.kind != EventKinds::AlertSilenced || !event.to.startsWith(QStringLiteral("until ")))
        return std::nullopt;
    AlertSilence silence;
    std::tie(silence.rule, silence.subject) = splitKey(event.subject);
    silence.fromMs = event.timeMs;
    silence.untilMs = parseTime(event.to.mid(6));
    const qsizetype colon = event.detail.indexOf(QStringLiteral(": "));
    silence.who = colon < 0 ? event.detail : event.detail.left(colon);
    silence.reason = colon < 0 ? QString() : event.detail.mid(colon + 2);
    if (silence.untilMs <= 0)
        return std::nullopt;
    return silence;
}

} // namespace e2i

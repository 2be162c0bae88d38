#include "HeaderBar.h"

#include "common/StatusIcon.h"
#include "common/Theme.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QTimer>

namespace e2i {
namespace {

QString utcTime(const QDateTime &t)
{
    return t.toUTC().toString(QStringLiteral("HH:mm:ss"));
}

QString statusHtml(HealthStatus status, const QString &text)
{
    return QStringLiteral("<span style='color:%1'>&#9679;</span> %2").arg(Theme::statusColour(status).name(), text);
}

} // namespace

HeaderBar::HeaderBar(QWidget *parent)
    : QWidget(parent)
    , m_environment(new QLabel(this))
    , m_redis(new QLabel(this))
    , m_dataAge(new QLabel(this))
    , m_clock(new QLabel(this))
    , m_replay(new QLabel(this))
    , m_badges(new QHBoxLayout)
    , m_tick(new QTimer(this))
{
    setObjectName(QStringLiteral("HeaderBar"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 12, 6);
    layout->setSpacing(18);
    m_environment->setObjectName(QStringLiteral("environmentBadge"));
    m_environment->setMargin(6);
    QFont big = font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_environment->setFont(big);
    m_clock->setFont(big);
    m_replay->setObjectName(QStringLiteral("replayBadge"));
    m_replay->setMargin(6);
    m_replay->setFont(big);
    // Magenta on white: no health status or environment colour is this one.
    m_replay->setStyleSheet(QStringLiteral("QLabel#replayBadge { background:#c2185b; color:white; border-radius:4px; }"));
    m_replay->hide();
    layout->addWidget(m_environment);
    layout->addWidget(m_replay);
    layout->addWidget(m_redis);
    layout->addWidget(m_dataAge);
    layout->addLayout(m_badges);
    layout->addStretch(1);
    layout->addWidget(m_clock);
    m_redis->setTextFormat(Qt::RichText);
    m_dataAge->setTextFormat(Qt::RichText);
    connect(m_tick, &QTimer::timeout, this, &HeaderBar::refreshClock);
    m_tick->start(1000);
    refreshClock();
}

void HeaderBar::setEnvironment(const QString &name, bool production, const QColor &colour)
{
    m_environment->setText(production ? tr("%1 — PRODUCTION").arg(name.toUpper()) : name);
    m_environment->setStyleSheet(QStringLiteral("QLabel#environmentBadge { background:%1; color:white; border-radius:4px; }")
                                     .arg(colour.name()));
    m_environment->setToolTip(production ? tr("Production environment: changes here affect users") : QString());
}

void HeaderBar::setSample(const PlatformSample &sample)
{
    m_sampledAt = sample.sampledAt;
    const RedisState &r = sample.redis;
    m_redis->setText(r.connected
                         ? statusHtml(HealthStatus::Up, tr("Redis connected <span style='opacity:0.7'>%1</span>").arg(r.url.toHtmlEscaped()))
                         : statusHtml(HealthStatus::Down, tr("Redis DISCONNECTED since %1 UTC: %2")
                                                              .arg(utcTime(r.disconnectedSince), r.lastError.toHtmlEscaped())));
    m_redis->setToolTip(r.url);
    updateAge();
}

void HeaderBar::addBadge(QWidget *badge)
{
    badge->setParent(this);
    m_badges->addWidget(badge);
}

void HeaderBar::setReplay(const QDateTime &at)
{
    m_replayAt = at;
    m_replay->setVisible(at.isValid());
    m_replay->setText(tr("REPLAY %1 UTC").arg(at.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))));
    m_replay->setToolTip(tr("Recorded state of a past moment; Esc returns to live"));
    updateAge();
}

void HeaderBar::refreshClock()
{
    m_clock->setText(tr("UTC %1").arg(utcTime(QDateTime::currentDateTimeUtc())));
    updateAge();
}

void HeaderBar::updateAge()
{
    if (!m_sampledAt.isValid()) {
        m_dataAge->setText(statusHtml(HealthStatus::Unknown, tr("waiting for the first sample…")));
        return;
    }
    const qint64 ageMs = m_sampledAt.msecsTo(QDateTime::currentDateTimeUtc());
    const QString text = dataAgeText();
    if (isReplay()) {
        m_dataAge->setText(tr("recorded %1").arg(text));
        return;
    }
    m_dataAge->setText(ageMs > m_staleAfterMs ? statusHtml(HealthStatus::Degraded, tr("<b>STALE</b> — %1 (%2 s old)").arg(text).arg(ageMs / 1000))
                                              : text);
}

QString HeaderBar::environmentText() const
{
    return m_environment->text();
}

QString HeaderBar::dataAgeText() const
{
    return m_sampledAt.isValid() ? tr("data as of %1 UTC").arg(m_sampledAt.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")))
                                 : QString();
}

} // namespace e2i

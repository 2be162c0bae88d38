#include "AlertmanagerNotifier.h"

#include "AlertmanagerPayload.h"
#include "core/Logging.h"

#include <QDateTime>
#include <QNetworkReply>

namespace e2i {

AlertmanagerNotifier::AlertmanagerNotifier(const QUrl &base, QString environment, int resendMs, QObject *parent)
    : QObject(parent), m_url(alertsUrl(base)), m_environment(std::move(environment)), m_resendMs(resendMs)
{
    m_user = base.userName(QUrl::FullyDecoded);
    setPassword(QString());
    m_resend.setInterval(m_resendMs);
    connect(&m_resend, &QTimer::timeout, this, &AlertmanagerNotifier::push);
    m_resend.start();
}

// The user goes as Basic auth, not in the URL Qt might print.
void AlertmanagerNotifier::setPassword(const QString &password)
{
    m_authorization.clear();
    if (!m_user.isEmpty())
        m_authorization = "Basic " + QByteArray(m_user.toUtf8() + ':' + password.toUtf8()).toBase64();
}

QUrl AlertmanagerNotifier::alertsUrl(const QUrl &base)
{
    QUrl url = base.adjusted(QUrl::RemoveUserInfo | QUrl::StripTrailingSlash);
    url.setPath(url.path() + QStringLiteral("/api/v2/alerts"));
    return url;
}

QString AlertmanagerNotifier::displayUrl() const
{
    return m_url.toDisplayString(QUrl::RemoveUserInfo);
}

QString AlertmanagerNotifier::identity(const AlertState &alert)
{
    return alert.key() + u'@' + QString::number(alert.firedAtMs);
}

void AlertmanagerNotifier::setAlerts(const QList<AlertState> &alerts)
{
    QSet<QString> wasFiring;
    for (const AlertState &a : std::as_const(m_firing))
        wasFiring.insert(identity(a));
    m_firing.clear();
    bool due = false;
    for (const AlertState &a : alerts) {
        if (a.phase == AlertState::Phase::Firing) {
            m_firing.append(a);
            due = due || !m_announced.contains(identity(a));
        } else if (a.phase == AlertState::Phase::Resolved && wasFiring.contains(identity(a))) {
            m_unsentResolved.insert(identity(a), a); // only what was announced as firing gets resolved
            due = true;
        }
    }
    if (due)
        push();
}

void AlertmanagerNotifier::push()
{
    if (m_firing.isEmpty() && m_unsentResolved.isEmpty())
        return;
    const QList<AlertState> alerts = m_firing + m_unsentResolved.values();
    QSet<QString> firing, resolved;
    for (const AlertState &a : std::as_const(m_firing))
        firing.insert(identity(a));
    for (auto it = m_unsentResolved.cbegin(); it != m_unsentResolved.cend(); ++it)
        resolved.insert(it.key());
    QNetworkRequest request(m_url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!m_authorization.isEmpty())
        request.setRawHeader("Authorization", m_authorization);
    request.setTransferTimeout(kTimeoutMs);
    // Firing alerts stay valid for a few resends, as Prometheus does (4 x its resend delay).
    const QByteArray body = AlertmanagerPayload::build(alerts, m_environment, QDateTime::currentMSecsSinceEpoch(),
                                                       4LL * m_resendMs);
    QNetworkReply *reply = m_network.post(request, body);
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, firing, resolved] { onFinished(reply, firing, resolved); });
}

void AlertmanagerNotifier::onFinished(QNetworkReply *reply, const QSet<QString> &firing, const QSet<QString> &resolved)
{
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (reply->error() != QNetworkReply::NoError || status / 100 != 2) {
        // Qt's messages may quote the URL; it has no user information, and is shown as displayUrl() anyway.
        QString reason = status > 0 ? QStringLiteral("HTTP %1 %2").arg(status).arg(QString::fromUtf8(reply->readAll().left(200)).trimmed())
                                    : reply->errorString();
        reason.replace(m_url.toString(), displayUrl());
        noteFailure(reason);
        return;
    }
    m_announced = firing;
    for (const QString &id : resolved)
        m_unsentResolved.remove(id);
    if (m_failing)
        log::info(QStringLiteral("alertmanager: pushing alerts to %1 again").arg(displayUrl()));
    m_failing = false;
    Q_EMIT pushed(int(firing.size() + resolved.size()));
}

void AlertmanagerNotifier::noteFailure(const QString &reason)
{
    if (!m_failing)
        log::warn(QStringLiteral("alertmanager: cannot push alerts to %1: %2 (retrying every %3 s; logged once until it works)")
                      .arg(displayUrl(), reason)
                      .arg(m_resendMs / 1000));
    m_failing = true;
    Q_EMIT pushFailed(reason);
}

} // namespace e2i

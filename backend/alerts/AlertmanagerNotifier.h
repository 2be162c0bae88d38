#pragma once
// Pushes the console's alerts to an Alertmanager (its v2 API, POST
// /api/v2/alerts), for `e2ictl record` with `alertmanager:` in console.yml.
// Fed AlertMonitor's states (HistorySession::alertsChanged). Sends when an
// alert starts firing or a firing one resolves, and re-sends every firing
// alert every resendMs: Alertmanager expects clients to repeat them, and
// resolves an alert whose endsAt passes without one. A resolved alert is sent
// (with endsAt) until one push of it succeeds, as long as the evaluator keeps it.
//
// Lives on the recorder's main thread; requests are asynchronous with a
// timeout, so a slow or absent Alertmanager never holds the thread or the
// evaluation. A failing Alertmanager is logged once per outage, not per
// attempt, and its URL is logged without user information.
#include "AlertState.h"

#include <QHash>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUrl>

namespace e2i {

class AlertmanagerNotifier : public QObject
{
    Q_OBJECT
public:
    static constexpr int kResendMs = 60'000;
    static constexpr int kTimeoutMs = 10'000;

    AlertmanagerNotifier(const QUrl &base, QString environment, int resendMs = kResendMs, QObject *parent = nullptr);

    // Basic auth as the URL's user with this password (console.yml's
    // password_env / password_file); kept only in the request header.
    void setPassword(const QString &password);

    // base + /api/v2/alerts, user information removed (it goes into a header).
    static QUrl alertsUrl(const QUrl &base);
    QString displayUrl() const; // for messages: without user information

public Q_SLOTS:
    void setAlerts(const QList<e2i::AlertState> &alerts);

Q_SIGNALS:
    // A push was answered with 2xx (count alerts) or failed (why); for tests and the log.
    void pushed(int count);
    void pushFailed(const QString &reason);

private:
    static QString identity(const AlertState &alert); // one firing episode: rule, subject, fired at
    void push();
    void onFinished(class QNetworkReply *reply, const QSet<QString> &firing, const QSet<QString> &resolved);
    void noteFailure(const QString &reason);

    QUrl m_url;
    QString m_user;
    QByteArray m_authorization;
    QString m_environment;
    int m_resendMs;
    QNetworkAccessManager m_network;
    QTimer m_resend;
    QList<AlertState> m_firing;
    QHash<QString, AlertState> m_unsentResolved; // by identity
    QSet<QString> m_announced;                   // firing identities Alertmanager has accepted
    bool m_failing = false;
};

} // namespace e2i

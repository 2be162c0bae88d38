// AlertmanagerNotifier against a real Alertmanager (Debian's
// prometheus-alertmanager, started by the test on a free loopback port): a
// firing alert arrives with the console's labels and summary and an endsAt
// ahead; its resolution (endsAt in the past) removes it from the active
// alerts; and a push that failed because nobody listened is repeated until
// an Alertmanager answers. Behind Basic auth, the password from console.yml's
// password_env/file is sent, and a wrong one fails without showing it.
#include "AlertmanagerServer.h"
#include "alerts/AlertmanagerNotifier.h"

#include <QDateTime>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <memory>

using namespace e2i;

namespace {
constexpr int kSettleMs = 30'000; // a push and its processing on a loaded 2-core machine
constexpr int kRequestMs = 5'000;
const QString kUser = QStringLiteral("ops");
const QString kPassword = QStringLiteral("s3cret-pass");
// bcrypt (cost 4) of kPassword: python3 -c "import crypt; print(crypt.crypt('s3cret-pass', crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))"
const QByteArray kPasswordHash = "$2b$04$3VxVHJSNDDk5dU43iCIIredQKt1VUu0cemlquARDA9fRMKhJ0MfU.";

// One episode of one alert in the given phase; the same times on every call,
// as the evaluator keeps them.
AlertState alert(AlertState::Phase phase)
{
    static const qint64 now = QDateTime::currentMSecsSinceEpoch();
    AlertState a;
    a.rule = QStringLiteral("queue_backlog");
    a.subject = QStringLiteral("shap");
    a.severity = AlertSeverity::Warning;
    a.phase = phase;
    a.text = QStringLiteral("queue shap has 640 tasks waiting (above 100)");
    a.activeSinceMs = now - 700'000;
    a.firedAtMs = now - 100'000;
    a.resolvedAtMs = phase == AlertState::Phase::Resolved ? now - 1000 : 0;
    return a;
}

} // namespace

class tst_alertmanager_push : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void firingAlertArrivesWithItsLabels();
    void resolvedAlertEnds();
    void failedPushIsRepeatedUntilAnswered();
    void passwordIsSentAsBasicAuth();

private:
    QJsonArray activeAlerts(const QUrl &base, const QByteArray &authorization = {});

    QNetworkAccessManager m_network;
    std::unique_ptr<test::AlertmanagerServer> m_alertmanager;
    std::unique_ptr<AlertmanagerNotifier> m_notifier;
};

void tst_alertmanager_push::initTestCase()
{
    m_alertmanager = std::make_unique<test::AlertmanagerServer>();
    QString error;
    QVERIFY2(m_alertmanager->start(test::ServerProcess::freePort(), &error), qPrintable(error));
    m_notifier = std::make_unique<AlertmanagerNotifier>(m_alertmanager->baseUrl(), QStringLiteral("staging"));
}

// GET /api/v2/alerts: the alerts whose endsAt has not passed. Empty on failure.
QJsonArray tst_alertmanager_push::activeAlerts(const QUrl &base, const QByteArray &authorization)
{
    QNetworkRequest request(AlertmanagerNotifier::alertsUrl(base));
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    std::unique_ptr<QNetworkReply> reply(m_network.get(request));
    QEventLoop loop;
    QTimer::singleShot(kRequestMs, &loop, &QEventLoop::quit);
    connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    if (!reply->isFinished() || reply->error() != QNetworkReply::NoError)
        return {};
    return QJsonDocument::fromJson(reply->readAll()).array();
}

void tst_alertmanager_push::firingAlertArrivesWithItsLabels()
{
    QSignalSpy pushed(m_notifier.get(), &AlertmanagerNotifier::pushed);
    const qint64 before = QDateTime::currentMSecsSinceEpoch();
    m_notifier->setAlerts({alert(AlertState::Phase::Firing), alert(AlertState::Phase::Pending)});
    QTRY_COMPARE_WITH_TIMEOUT(activeAlerts(m_alertmanager->baseUrl()).size(), 1, kSettleMs);
    QTRY_COMPARE_WITH_TIMEOUT(pushed.size(), 1, kSettleMs);
    QCOMPARE(pushed.first().first().toInt(), 1); // the pending one is not Alertmanager's business
    const QJsonObject received = activeAlerts(m_alertmanager->baseUrl()).first().toObject();
    const QJsonObject labels = received.value(QStringLiteral("labels")).toObject();
    QCOMPARE(labels, QJsonObject({{QStringLiteral("alertname"), QStringLiteral("queue_backlog")},
                                  {QStringLiteral("severity"), QStringLiteral("warning")},
                                  {QStringLiteral("subject"), QStringLiteral("shap")},
                                  {QStringLiteral("environment"), QStringLiteral("staging")}}));
    QCOMPARE(received.value(QStringLiteral("annotations")).toObject().value(QStringLiteral("summary")).toString(),
             alert(AlertState::Phase::Firing).text);
    const QDateTime endsAt = QDateTime::fromString(received.value(QStringLiteral("endsAt")).toString(), Qt::ISODateWithMs);
    // Valid for four resend periods from the push: Alertmanager ends it if the recorder goes quiet.
    QVERIFY2(endsAt.toMSecsSinceEpoch() >= before + 4LL * AlertmanagerNotifier::kResendMs - 1000,
             qPrintable(endsAt.toString(Qt::ISODateWithMs)));
    QCOMPARE(received.value(QStringLiteral("status")).toObject().value(QStringLiteral("state")).toString(),
             QStringLiteral("active"));
}

// The same episode resolved: sent with endsAt = its resolution, in the past,
// so Alertmanager no longer lists it as active.
void tst_alertmanager_push::resolvedAlertEnds()
{
    QSignalSpy pushed(m_notifier.get(), &AlertmanagerNotifier::pushed);
    m_notifier->setAlerts({alert(AlertState::Phase::Resolved)});
    QTRY_COMPARE_WITH_TIMEOUT(pushed.size(), 1, kSettleMs);
    QCOMPARE(pushed.first().first().toInt(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(activeAlerts(m_alertmanager->baseUrl()).size(), 0, kSettleMs);
}

void tst_alertmanager_push::failedPushIsRepeatedUntilAnswered()
{
    const int port = test::ServerProcess::freePort();
    const QUrl base(QStringLiteral("http://127.0.0.1:%1").arg(port));
    AlertmanagerNotifier notifier(base, QStringLiteral("staging"), 500);
    QSignalSpy failed(&notifier, &AlertmanagerNotifier::pushFailed);
    QSignalSpy pushed(&notifier, &AlertmanagerNotifier::pushed);
    notifier.setAlerts({alert(AlertState::Phase::Firing)});
    QTRY_VERIFY_WITH_TIMEOUT(failed.size() >= 2, kSettleMs); // tried, and tried again
    QCOMPARE(pushed.size(), 0);

    test::AlertmanagerServer late;
    QString error;
    QVERIFY2(late.start(port, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(!pushed.isEmpty(), kSettleMs);
    QTRY_COMPARE_WITH_TIMEOUT(activeAlerts(base).size(), 1, kSettleMs);
}

void tst_alertmanager_push::passwordIsSentAsBasicAuth()
{
    test::AlertmanagerServer guarded;
    guarded.requireBasicAuth(kUser, kPasswordHash);
    QString error;
    const int port = test::ServerProcess::freePort();
    QVERIFY2(guarded.start(port, &error), qPrintable(error));
    const QUrl base(QStringLiteral("http://%1@127.0.0.1:%2").arg(kUser).arg(port));

    AlertmanagerNotifier wrong(base, QStringLiteral("staging"), 500);
    wrong.setPassword(QStringLiteral("not-it"));
    QSignalSpy refused(&wrong, &AlertmanagerNotifier::pushFailed);
    wrong.setAlerts({alert(AlertState::Phase::Firing)});
    QTRY_VERIFY_WITH_TIMEOUT(!refused.isEmpty(), kSettleMs);
    const QString reason = refused.first().first().toString();
    QVERIFY2(reason.contains(QStringLiteral("401")) || reason.contains(QStringLiteral("uthenticat")), qPrintable(reason));
    QVERIFY2(!reason.contains(QStringLiteral("not-it")), qPrintable(reason));

    AlertmanagerNotifier right(base, QStringLiteral("staging"));
    right.setPassword(kPassword);
    QSignalSpy pushed(&right, &AlertmanagerNotifier::pushed);
    right.setAlerts({alert(AlertState::Phase::Firing)});
    QTRY_COMPARE_WITH_TIMEOUT(pushed.size(), 1, kSettleMs);
    const QByteArray authorization = "Basic " + (kUser + u':' + kPassword).toUtf8().toBase64();
    QTRY_COMPARE_WITH_TIMEOUT(activeAlerts(base, authorization).size(), 1, kSettleMs);
}

QTEST_GUILESS_MAIN(tst_alertmanager_push)
#include "tst_alertmanager_push.moc"

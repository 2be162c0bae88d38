#pragma once
// Connects the console to its environment's recorded history: records (or
// follows the recorder that holds the file), loads the chart window and the
// last state changes at start, adds operator notes and alert silences, feeds
// the Alerts tab, and shows a recorded moment when asked. Every read and write
// happens off the GUI thread.
#include "alerts/AlertSilence.h"
#include "history/HistorySession.h"
#include "platform/PlatformProfile.h"

#include <QDateTime>
#include <QObject>

namespace e2i {

class DashboardWindow;
class MetricsStore;
class PlatformMonitor;
struct PlatformSample;

class ConsoleHistory : public QObject
{
    Q_OBJECT
public:
    ConsoleHistory(QString file, HistoryRetention retention, PlatformProfile profile, QString environment,
                   PlatformMonitor *monitor, DashboardWindow *window, QObject *parent = nullptr);

    void start();
    // The recording session: setAlerts() before start(); alertsChanged() for an Alerts panel.
    HistorySession *session() { return &m_session; }

    // For one-shot snapshots, which have no interactive GUI to keep responsive:
    // the chart window's history and the recorded alerts (as `e2ictl alerts`
    // reads them), loaded before the first render.
    static void preloadNow(const QString &file, PlatformMonitor *monitor, DashboardWindow *window);
    // The platform as recorded at `at`, with the charts' window before it.
    struct Moment {
        std::optional<PlatformSample> sample;
        std::shared_ptr<MetricsStore> metrics;
        QList<HistoryEvent> events; // the charts' window's
        QString error;
    };
    static Moment loadMoment(const QString &file, const PlatformProfile &profile, const QString &environment,
                             const QDateTime &at, qint64 windowMs, std::size_t pointsPerSeries);

private:
    void preload();
    void reloadCost();
    void showStatus(const RecorderStatus &status);
    void addNote(const QString &text);
    void addAction(const QString &kind, const QString &subject, const QString &outcome, const QString &detail);
    void addSilence(const AlertSilence &silence);
    void add(const HistoryEvent &event);
    void replay(const QDateTime &at);

    QString m_file;
    PlatformProfile m_profile;
    QString m_environment;
    PlatformMonitor *m_monitor;
    DashboardWindow *m_window;
    HistorySession m_session;
    quint64 m_replayTicket = 0;
};

} // namespace e2i

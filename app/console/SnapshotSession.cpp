#include "SnapshotSession.h"

#include "dashboard/DashboardWindow.h"
#include "charts/QueueChartsPanel.h"
#include "dashboard/SnapshotWriter.h"
#include "monitor/PlatformMonitor.h"

#include <QCoreApplication>
#include <QTextStream>
#include <QTimer>

namespace e2i {
namespace {
// The charts coalesce redraws on a ~40 ms timer; give them a few frames.
constexpr int kReplotSettleMs = 200;
} // namespace

SnapshotSession::SnapshotSession(SnapshotOptions options, PlatformMonitor *monitor, DashboardWindow *window,
                                 int deadlineMs, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_monitor(monitor)
    , m_window(window)
{
    if (m_options.windowSeconds > 0)
        m_window->charts()->setWindowSeconds(m_options.windowSeconds);
    connect(monitor, &PlatformMonitor::sampleAvailable, this, &SnapshotSession::onSample);
    QTimer::singleShot(deadlineMs, this, [this, deadlineMs] {
        if (!m_rendering)
            finish(1, QStringLiteral("no complete sample within %1 ms; nothing written").arg(deadlineMs));
    });
}

void SnapshotSession::onSample(const PlatformSample &sample)
{
    if (m_rendering || !m_monitor->isComplete())
        return;
    if (!sample.redis.connected)
        QTextStream(stderr) << "e2i-console: redis " << sample.redis.url << " unreachable (" << sample.redis.lastError
                            << "): the snapshot shows Redis down, queues and workers unknown\n";
    m_rendering = true;
    m_window->resize(m_options.size);
    m_window->showSample(sample, m_monitor->metrics());
    QTimer::singleShot(kReplotSettleMs, this, &SnapshotSession::renderAndWrite);
}

void SnapshotSession::renderMoment(const std::optional<PlatformSample> &sample,
                                   std::shared_ptr<const MetricsStore> metrics, const QList<HistoryEvent> &events,
                                   const QString &error)
{
    if (!sample) {
        finish(1, QStringLiteral("cannot render %1: %2; nothing written")
                      .arg(m_options.at.toUTC().toString(Qt::ISODate), error));
        return;
    }
    m_rendering = true;
    m_window->resize(m_options.size);
    m_window->showReplay(*sample, std::move(metrics), events);
    QTimer::singleShot(kReplotSettleMs, this, &SnapshotSession::renderAndWrite);
}

void SnapshotSession::renderAndWrite()
{
    const QImage image = m_window->renderSnapshot(m_options.size, m_options.tasksTab);
    const QString error = SnapshotWriter::write(image, m_options.pngPath, m_window->snapshotJson(image.size()),
                                                m_options.jsonPath);
    if (!error.isEmpty())
        finish(1, error);
    else
        finish(0, {});
}

void SnapshotSession::finish(int code, const QString &message)
{
    if (!message.isEmpty())
        QTextStream(stderr) << "e2i-console: " << message << '\n';
    QCoreApplication::exit(code);
}

} // namespace e2i

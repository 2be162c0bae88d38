// Time from process start to the dashboard's first painted frame, off-screen
// (QT_QPA_PLATFORM=offscreen), with the reference platform profile and the
// built-in pricing: what an operator waits for before the window shows.
// Process start is read from /proc/self/stat, so dynamic loading counts too.
#include "dashboard/DashboardWindow.h"
#include "platform/PlatformProfileLoader.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>
#include <QTimer>

#include <ctime>
#include <unistd.h>

using namespace e2i;

namespace {

// Milliseconds since this process started, from the kernel's start time.
double msSinceProcessStart()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    QFile uptime(QStringLiteral("/proc/uptime"));
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = stat.readAll().split(')').last().trimmed().split(' ');
    const double startTicks = fields.value(19).toDouble(); // field 22 overall: starttime
    const double upSeconds = uptime.readAll().split(' ').first().toDouble();
    return (upSeconds - startTicks / double(sysconf(_SC_CLK_TCK))) * 1000.0;
}

class FirstPaint : public QObject
{
public:
    bool eventFilter(QObject *, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && !m_done) {
            m_done = true;
            QTextStream(stdout) << "first painted frame " << msSinceProcessStart() << " ms after process start\n";
            QTimer::singleShot(0, qApp, &QApplication::quit);
        }
        return false;
    }

private:
    bool m_done = false;
};

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    DashboardContext context;
    context.environment = QStringLiteral("bench");
    context.environmentColour = Qt::darkCyan;
    context.profile = PlatformProfileLoader::load(QStringLiteral(E2I_SOURCE_DIR "/resources/platform/docker-compose.yml"),
                                                  QStringLiteral(E2I_SOURCE_DIR "/resources/platform/autoscale.yml"), {});
    context.pricing = PricingCatalog::builtIn();
    DashboardWindow window(context);
    FirstPaint probe;
    window.installEventFilter(&probe);
    window.resize(1600, 1000);
    window.show();
    return app.exec();
}

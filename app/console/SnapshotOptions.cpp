#include "SnapshotOptions.h"

#include "dashboard/SnapshotWriter.h"
#include "history/TimeArgument.h"

#include <QCommandLineParser>
#include <QHash>
#include <QRegularExpression>

#include <cstring>

namespace e2i {
namespace {
// Smaller than this the dashboard cannot lay itself out legibly; larger would
// only be a memory hazard for a PNG pasted into a ticket.
constexpr QSize kMinimumSize{800, 600};
constexpr QSize kMaximumSize{7680, 4320};
QString readHistoryOptions(const QCommandLineParser &parser, SnapshotOptions *options)
{
    if (parser.isSet(QStringLiteral("at"))) {
        QString error;
        const auto at = TimeArgument::parse(parser.value(QStringLiteral("at")), QDateTime::currentMSecsSinceEpoch(), &error);
        if (!at)
            return QStringLiteral("--at: ") + error;
        options->at = QDateTime::fromMSecsSinceEpoch(*at, Qt::UTC);
    }
    if (parser.isSet(QStringLiteral("window"))) {
        const QString w = parser.value(QStringLiteral("window"));
        static const QHash<QString, int> windows{{QStringLiteral("5m"), 300}, {QStringLiteral("1h"), 3600},
                                                 {QStringLiteral("6h"), 6 * 3600}, {QStringLiteral("24h"), 24 * 3600}};
        if (!windows.contains(w))
            return QStringLiteral("--window must be 5m, 1h, 6h or 24h, not '%1'").arg(w);
        options->windowSeconds = windows.value(w);
    }
    const QString tab = parser.value(QStringLiteral("tab"));
    if (!tab.isEmpty() && tab != u"dashboard" && tab != u"tasks")
        return QStringLiteral("--tab must be dashboard or tasks, not '%1'").arg(tab);
    options->tasksTab = tab == u"tasks";
    return {};
}

} // namespace

void SnapshotOptions::addOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {QStringLiteral("snapshot"), QStringLiteral("Render the dashboard off-screen to FILE.png once a full sample is in, then exit."), QStringLiteral("FILE")},
        {QStringLiteral("json"), QStringLiteral("With --snapshot: also write the numbers on the image as JSON."), QStringLiteral("FILE")},
        {QStringLiteral("size"), QStringLiteral("With --snapshot: image size WIDTHxHEIGHT (default 1600x1000)."), QStringLiteral("WxH")},
        {QStringLiteral("theme"), QStringLiteral("light or dark."), QStringLiteral("THEME")},
        {QStringLiteral("at"), QStringLiteral("With --snapshot: render the recorded state at T (ISO-8601 UTC or a duration ago, e.g. 15m)."), QStringLiteral("T")},
        {QStringLiteral("window"), QStringLiteral("With --snapshot: the charts' window, 5m, 1h, 6h or 24h."), QStringLiteral("W")},
        {QStringLiteral("tab"), QStringLiteral("With --snapshot: the tab to render, dashboard (default) or tasks."), QStringLiteral("TAB")},
    });
}

QString SnapshotOptions::fromParser(const QCommandLineParser &parser, SnapshotOptions *options)
{
    options->pngPath = parser.value(QStringLiteral("snapshot"));
    options->jsonPath = parser.value(QStringLiteral("json"));
    options->theme = parser.value(QStringLiteral("theme"));
    if (!options->theme.isEmpty() && options->theme != u"light" && options->theme != u"dark")
        return QStringLiteral("--theme must be light or dark, not '%1'").arg(options->theme);
    if (parser.isSet(QStringLiteral("size"))) {
        static const QRegularExpression form(QStringLiteral("^(\\d{1,5})x(\\d{1,5})$"));
        const auto m = form.match(parser.value(QStringLiteral("size")));
        if (!m.hasMatch())
            return QStringLiteral("--size must look like 1600x1000, not '%1'").arg(parser.value(QStringLiteral("size")));
        options->size = QSize(m.captured(1).toInt(), m.captured(2).toInt());
        if (options->size.width() < kMinimumSize.width() || options->size.height() < kMinimumSize.height()
            || options->size.width() > kMaximumSize.width() || options->size.height() > kMaximumSize.height())
            return QStringLiteral("--size %1x%2 is outside %3x%4 .. %5x%6")
                .arg(options->size.width()).arg(options->size.height())
                .arg(kMinimumSize.width()).arg(kMinimumSize.height()).arg(kMaximumSize.width()).arg(kMaximumSize.height());
    }
    if (const QString error = readHistoryOptions(parser, options); !error.isEmpty())
        return error;
    if (!options->requested()) {
        if (!options->jsonPath.isEmpty() || parser.isSet(QStringLiteral("size")) || parser.isSet(QStringLiteral("at"))
            || parser.isSet(QStringLiteral("window")) || parser.isSet(QStringLiteral("tab")))
            return QStringLiteral("--json, --size, --at, --window and --tab go with --snapshot");
        return {};
    }
    for (const QString &path : {options->pngPath, options->jsonPath})
        if (!path.isEmpty())
            if (const QString error = SnapshotWriter::checkWritable(path); !error.isEmpty())
                return error;
    return {};
}

bool SnapshotOptions::requestedIn(int argc, char **argv)
{
    for (int i = 1; i < argc; ++i)
        if (!std::strcmp(argv[i], "--snapshot") || !std::strncmp(argv[i], "--snapshot=", 11))
            return true;
    return false;
}

} // namespace e2i

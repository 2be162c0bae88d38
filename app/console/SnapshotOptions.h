#pragma once
// `e2i-console --snapshot FILE.png [--json FILE.json] [--size WxH] [--theme light|dark]
//  [--at T] [--window 5m|1h|6h|24h] [--tab dashboard|tasks]`: render the dashboard off-screen once a full
// sample is in (or, with --at, as the history recorded it at T), write, exit.
#include <QDateTime>
#include <QSize>
#include <QString>

class QCommandLineParser;

namespace e2i {

struct SnapshotOptions {
    QString pngPath;
    QString jsonPath;
    QSize size{1600, 1000};
    QString theme; // empty = the saved theme
    QDateTime at;  // invalid = live
    int windowSeconds = 0; // 0 = the saved chart window
    bool tasksTab = false; // render the Tasks tab instead of the dashboard

    bool requested() const { return !pngPath.isEmpty(); }

    static void addOptions(QCommandLineParser &parser);
    // Empty on success, else why the options cannot be used. Checked before any sampling.
    static QString fromParser(const QCommandLineParser &parser, SnapshotOptions *options);
    // True when argv asks for a snapshot: decided before QApplication exists,
    // so the off-screen platform can be chosen.
    static bool requestedIn(int argc, char **argv);
};

} // namespace e2i

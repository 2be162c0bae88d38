// The history store on real SQLite files: what is written is read back across
// sealing, retention and reopening; a writer killed with SIGKILL loses at most
// the sample in flight; corrupt and foreign files are moved aside; a full disk
// fails writes without breaking the store; a clock stepping back reorders nothing.
#include "history/EventKinds.h"
#include "history/HistoryStore.h"
#include "history/SqliteDatabase.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace e2i;

namespace {

constexpr qint64 kStart = 1'765'000'800'000; // a span boundary: a multiple of 10 min
constexpr qint64 kSecond = 1000;

HistoryStore::Values valuesAt(int i)
{
    return {{QStringLiteral("queue/light/depth"), double(i % 37)},
            {QStringLiteral("tier/light/replicas"), double(2 + i / 600)},
            {QStringLiteral("service/api/latency_ms"), 10.0 + (i % 7) * 0.25}};
}

} // namespace

class tst_HistoryStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void readsBackEveryPointAcrossSpans();
    void keepsPerMinuteAfterFullResolutionExpires();
    void reopenedStoreHasTheHistory();
    void valueAtFindsTheStateOfAMoment();
    void clockSteppingBackReordersNothing();
    void eventsComeBackInOrderAndByKind();
    void killedWriterLosesAtMostTheSampleInFlight();
    void corruptFileIsMovedAside();
    void foreignDatabaseIsMovedAside();
    void fullDiskFailsWritesAndRecovers();

private:
    QString file() const { return m_dir->filePath(QStringLiteral("staging.sqlite")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

void tst_HistoryStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void tst_HistoryStore::readsBackEveryPointAcrossSpans()
{
    HistoryStore store;
    QVERIFY2(store.open(file()), qPrintable(store.errorString()));
    const int n = 25 * 60; // crosses two span boundaries, so two spans are sealed
    for (int i = 0; i < n; ++i)
        QVERIFY2(store.appendSample(kStart + i * kSecond, valuesAt(i)), qPrintable(store.errorString()));
    const auto points = store.read(QStringLiteral("queue/light/depth"), kStart, kStart + n * kSecond);
    QCOMPARE(int(points.size()), n);
    for (int i = 0; i < n; ++i) {
        QCOMPARE(points[i].timeMs, kStart + i * kSecond);
        QCOMPARE(points[i].last, double(i % 37));
    }
    const auto latency = store.read(QStringLiteral("service/api/latency_ms"), kStart + 599 * kSecond, kStart + 601 * kSecond);
    QCOMPARE(int(latency.size()), 3); // either side of a sealed boundary
    QCOMPARE(latency[1].last, 10.0 + (600 % 7) * 0.25);
    QCOMPARE(store.lastSampleMs(), kStart + (n - 1) * kSecond);
    QCOMPARE(store.firstSampleMs(), kStart);
}

void tst_HistoryStore::keepsPerMinuteAfterFullResolutionExpires()
{
    HistoryStore store;
    store.setRetention({20 * 60 * kSecond, 90LL * 24 * 3600 * kSecond});
    QVERIFY(store.open(file()));
    const int n = 60 * 60;
    for (int i = 0; i < n; ++i)
        QVERIFY(store.appendSample(kStart + i * kSecond, valuesAt(i)));
    // The first 30 minutes are past the 20 min full-resolution retention once
    // the span at 50 min is sealed: they come back one point a minute.
    const auto early = store.read(QStringLiteral("queue/light/depth"), kStart, kStart + 10 * 60 * kSecond - 1);
    QCOMPARE(int(early.size()), 10);
    for (int m = 0; m < 10; ++m) {
        QCOMPARE(early[m].timeMs, kStart + m * 60 * kSecond);
        const int lastI = m * 60 + 59;
        QCOMPARE(early[m].last, double(lastI % 37));
        QCOMPARE(early[m].min, 0.0);  // every minute of i % 37 passes through 0..36
        QCOMPARE(early[m].max, 36.0);
    }
    const auto recent = store.read(QStringLiteral("queue/light/depth"), kStart + 50 * 60 * kSecond, kStart + n * kSecond);
    QCOMPARE(int(recent.size()), 10 * 60);
}

void tst_HistoryStore::reopenedStoreHasTheHistory()
{
    {
        HistoryStore store;
        QVERIFY(store.open(file()));
        for (int i = 0; i < 700; ++i)
            QVERIFY(store.appendSample(kStart + i * kSecond, valuesAt(i)));
        QVERIFY(store.appendEvent({0, kStart + 5 * kSecond, EventKinds::Note, QStringLiteral("staging"), {}, {},
                                   QStringLiteral("ops: deploy 41")}));
    }
    HistoryStore reopened;
    QVERIFY(reopened.open(file()));
    QVERIFY(reopened.notice().isEmpty());
    QCOMPARE(reopened.lastSampleMs(), kStart + 699 * kSecond);
    QCOMPARE(int(reopened.read(QStringLiteral("tier/light/replicas"), kStart, kStart + 700 * kSecond).size()), 700);
    // New samples go on where the old ones stopped, in the same open span.
    QVERIFY(reopened.appendSample(kStart + 700 * kSecond, valuesAt(700)));
    QCOMPARE(int(reopened.read(QStringLiteral("tier/light/replicas"), kStart, kStart + 701 * kSecond).size()), 701);
    QCOMPARE(reopened.events(kStart, kStart + 10 * kSecond).size(), 1);
    QVERIFY(reopened.seriesNames().contains(QStringLiteral("service/api/latency_ms")));
}

void tst_HistoryStore::valueAtFindsTheStateOfAMoment()
{
    HistoryStore store;
    QVERIFY(store.open(file()));
    for (int i = 0; i < 100; ++i)
        QVERIFY(store.appendSample(kStart + i * 10 * kSecond, valuesAt(i)));
    const auto at = store.valueAt(QStringLiteral("queue/light/depth"), kStart + 455 * kSecond);
    QVERIFY(at);
    QCOMPARE(at->timeMs, kStart + 450 * kSecond);
    QCOMPARE(at->last, double(45 % 37));
    QVERIFY(!store.valueAt(QStringLiteral("queue/light/depth"), kStart - kSecond));
    QVERIFY(!store.valueAt(QStringLiteral("queue/none/depth"), kStart + 455 * kSecond));
}

void tst_HistoryStore::clockSteppingBackReordersNothing()
{
    HistoryStore store;
    QVERIFY(store.open(file()));
    QVERIFY(store.appendSample(kStart + 10 * kSecond, valuesAt(1)));
    QVERIFY(store.appendSample(kStart + 5 * kSecond, valuesAt(2))); // the clock stepped back
    QVERIFY(store.appendSample(kStart + 11 * kSecond, valuesAt(3)));
    const auto points = store.read(QStringLiteral("queue/light/depth"), kStart, kStart + 20 * kSecond);
    QCOMPARE(int(points.size()), 2);
    QCOMPARE(points[0].timeMs, kStart + 10 * kSecond);
    QCOMPARE(points[1].timeMs, kStart + 11 * kSecond);

    QVERIFY(store.appendEvent({0, kStart + 10 * kSecond, EventKinds::Note, QStringLiteral("a"), {}, {}, {}}));
    QVERIFY(store.appendEvent({0, kStart + 2 * kSecond, EventKinds::Note, QStringLiteral("b"), {}, {}, {}}));
    const auto events = store.events(kStart, kStart + 20 * kSecond);
    QCOMPARE(events.size(), 2);
    QCOMPARE(events[0].subject, QStringLiteral("a"));
    QCOMPARE(events[1].subject, QStringLiteral("b"));
    QVERIFY(events[1].timeMs >= events[0].timeMs);
}

void tst_HistoryStore::eventsComeBackInOrderAndByKind()
{
    HistoryStore store;
    QVERIFY(store.open(file()));
    const QList<HistoryEvent> sampleEvents{
        {0, kStart, EventKinds::ServiceStatus, QStringLiteral("api"), QStringLiteral("up"), QStringLiteral("down"),
         QStringLiteral("connection refused")},
        {0, 0, EventKinds::WorkerLost, QStringLiteral("heavy@h1"), QStringLiteral("live"), QStringLiteral("lost"), {}}};
    QVERIFY(store.appendSample(kStart, valuesAt(0), {sampleEvents[0]}));
    QVERIFY(store.appendEvent({0, kStart + kSecond, EventKinds::WorkerLost, QStringLiteral("heavy@h1"),
                               QStringLiteral("live"), QStringLiteral("lost"), {}}));
    QVERIFY(store.appendEvent({0, kStart + 2 * kSecond, EventKinds::ServiceStatus, QStringLiteral("api"),
                               QStringLiteral("down"), QStringLiteral("up"), {}}));
    const auto all = store.events(kStart, kStart + 10 * kSecond);
    QCOMPARE(all.size(), 3);
    QCOMPARE(all[0].detail, QStringLiteral("connection refused"));
    QCOMPARE(store.events(kStart, kStart + 10 * kSecond, EventKinds::WorkerLost).size(), 1);
    const auto last = store.lastEvent(EventKinds::ServiceStatus, QStringLiteral("api"), kStart + 10 * kSecond);
    QVERIFY(last);
    QCOMPARE(last->to, QStringLiteral("up"));
    QCOMPARE(last->timeMs, kStart + 2 * kSecond);
}

void tst_HistoryStore::killedWriterLosesAtMostTheSampleInFlight()
{
    int ready[2];
    QVERIFY(::pipe(ready) == 0);
    const pid_t child = ::fork();
    QVERIFY(child >= 0);
    if (child == 0) {
        ::close(ready[0]);
        HistoryStore store;
        if (!store.open(file()))
            ::_exit(2);
        for (int i = 0;; ++i) {
            if (!store.appendSample(kStart + i * kSecond, valuesAt(i)))
                ::_exit(3);
            // Past a sealed span (both tables have rows), and again well after it, so
            // the kill lands while the writer is busy with more samples.
            if (i == 700 || i == 760)
                [[maybe_unused]] auto written = ::write(ready[1], "x", 1);
        }
    }
    ::close(ready[1]);
    char byte = 0;
    QCOMPARE(::read(ready[0], &byte, 1), ssize_t(1));
    QCOMPARE(::read(ready[0], &byte, 1), ssize_t(1));
    ::close(ready[0]);
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    QVERIFY(WIFSIGNALED(status));

    HistoryStore store;
    QVERIFY2(store.open(file()), qPrintable(store.errorString()));
    QVERIFY2(store.notice().isEmpty(), qPrintable(store.notice())); // not corrupt
    const qint64 last = store.lastSampleMs();
    QVERIFY(last >= kStart + 760 * kSecond);
    const auto points = store.read(QStringLiteral("queue/light/depth"), kStart, last);
    // Every sample up to the last committed one is there: none lost in between.
    QCOMPARE(qint64(points.size()), (last - kStart) / kSecond + 1);
    QVERIFY(store.appendSample(last + kSecond, valuesAt(0)));
}

void tst_HistoryStore::corruptFileIsMovedAside()
{
    {
        QFile f(file());
        QVERIFY(f.open(QIODevice::WriteOnly));
        QByteArray junk("SQLite format 3");
        junk.append(4096, '\x7f');
        f.write(junk);
    }
    HistoryStore store;
    QVERIFY2(store.open(file()), qPrintable(store.errorString()));
    QVERIFY2(store.notice().contains(QStringLiteral("moved it to")), qPrintable(store.notice()));
    const QStringList aside = QDir(m_dir->path()).entryList({QStringLiteral("staging.sqlite.corrupt-*")});
    QCOMPARE(aside.size(), 1);
    QCOMPARE(QFileInfo(m_dir->filePath(aside.first())).size(), qint64(15 + 4096)); // kept as it was
    QVERIFY(store.appendSample(kStart, valuesAt(0)));
    QCOMPARE(int(store.read(QStringLiteral("queue/light/depth"), kStart, kStart).size()), 1);
}

void tst_HistoryStore::foreignDatabaseIsMovedAside()
{
    {
        SqliteDatabase other;
        QVERIFY(other.open(file(), true));
        QVERIFY(other.exec(QStringLiteral("CREATE TABLE invoices(id INTEGER); INSERT INTO invoices VALUES (1);")));
    }
    HistoryStore store;
    QVERIFY(store.open(file()));
    QVERIFY2(store.notice().contains(QStringLiteral("another application")), qPrintable(store.notice()));
    QVERIFY(store.appendSample(kStart, valuesAt(0)));

    HistoryStore reader; // a reader never moves anything
    QFile::copy(QDir(m_dir->path()).entryInfoList({QStringLiteral("*.corrupt-*")}).first().filePath(),
                m_dir->filePath(QStringLiteral("other.sqlite")));
    QVERIFY(!reader.openExisting(m_dir->filePath(QStringLiteral("other.sqlite"))));
    QVERIFY(reader.errorString().contains(QStringLiteral("not an e2i-console history file")));
}

void tst_HistoryStore::fullDiskFailsWritesAndRecovers()
{
    HistoryStore store;
    QVERIFY(store.open(file()));
    int i = 0;
    for (; i < 10; ++i)
        QVERIFY(store.appendSample(kStart + i * kSecond, valuesAt(i)));
    // A file size limit stands in for a full disk: writes past it fail with EFBIG.
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit old{};
    getrlimit(RLIMIT_FSIZE, &old);
    const qint64 size = QFileInfo(file()).size() + QFileInfo(file() + QStringLiteral("-wal")).size();
    rlimit tight{rlim_t(size), old.rlim_max};
    QVERIFY(setrlimit(RLIMIT_FSIZE, &tight) == 0);
    bool failed = false;
    for (int tries = 0; tries < 2000 && !failed; ++tries, ++i) {
        HistoryStore::Values big = valuesAt(i);
        for (int s = 0; s < 50; ++s)
            big.emplace_back(QStringLiteral("queue/q%1/depth").arg(s), double(i));
        failed = !store.appendSample(kStart + i * kSecond, big);
    }
    setrlimit(RLIMIT_FSIZE, &old);
    QVERIFY(failed);
    QVERIFY2(store.diskFull(), qPrintable(store.errorString()));
    // With room again the same store writes on.
    ++i;
    QVERIFY2(store.appendSample(kStart + i * kSecond, valuesAt(i)), qPrintable(store.errorString()));
    QVERIFY(!store.diskFull());
    QCOMPARE(store.lastSampleMs(), kStart + i * kSecond);
}

QTEST_GUILESS_MAIN(tst_HistoryStore)
#include "tst_HistoryStore.moc"

#include "policy/DepthTrace.h"

#include <QDateTime>
#include <QFile>

#include <algorithm>

namespace e2i {
namespace {

const QString kHeader = QStringLiteral("timestamp,queue,depth");

class TraceReader {
public:
    TraceReader(const QString &file, Diagnostics *diagnostics) : m_file(file), m_diagnostics(diagnostics) {}

    std::optional<QList<DepthSample>> read(const QByteArray &csv)
    {
        const QList<QByteArray> lines = csv.split('\n');
        if (QString::fromUtf8(lines.first()).trimmed() != kHeader) {
            fail(1, QString(), QStringLiteral("the first line must be the header '%1'").arg(kHeader));
            return std::nullopt;
        }
        QList<DepthSample> samples;
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const QString line = QString::fromUtf8(lines.at(i)).trimmed();
            if (!line.isEmpty())
                readLine(line, int(i + 1), samples);
        }
        if (samples.isEmpty() && !m_failed)
            fail(1, QString(), QStringLiteral("the trace has a header but no samples"));
        if (m_failed)
            return std::nullopt;
        return samples;
    }

private:
    void readLine(const QString &line, int lineNumber, QList<DepthSample> &samples)
    {
        const QStringList fields = line.split(QLatin1Char(','));
        if (fields.size() != 3) {
            fail(lineNumber, QString(), QStringLiteral("expected 3 comma-separated fields (timestamp,queue,depth), found %1")
                                            .arg(fields.size()));
            return;
        }
        DepthSample sample;
        const bool timeOk = parseTime(fields.at(0).trimmed(), lineNumber, sample.epochSeconds);
        sample.queue = fields.at(1).trimmed();
        if (sample.queue.isEmpty())
            fail(lineNumber, QStringLiteral("queue"), QStringLiteral("is empty"));
        bool depthOk = false;
        sample.depth = fields.at(2).trimmed().toLongLong(&depthOk);
        if (!depthOk || sample.depth < 0)
            fail(lineNumber, QStringLiteral("depth"),
                 QStringLiteral("'%1' is not a whole number >= 0").arg(fields.at(2).trimmed()));
        if (timeOk && depthOk && sample.depth >= 0 && !sample.queue.isEmpty())
            samples.append(sample);
    }

    bool parseTime(const QString &text, int lineNumber, qint64 &epochSeconds)
    {
        bool isNumber = false;
        epochSeconds = text.toLongLong(&isNumber);
        if (isNumber)
            return true;
        const QDateTime time = QDateTime::fromString(text, Qt::ISODate);
        if (!time.isValid()) {
            fail(lineNumber, QStringLiteral("timestamp"),
                 QStringLiteral("'%1' is neither epoch seconds nor an ISO-8601 time").arg(text));
            return false;
        }
        if (time.timeSpec() == Qt::LocalTime) {
            fail(lineNumber, QStringLiteral("timestamp"),
                 QStringLiteral("'%1' has no time zone; write it in UTC with a trailing 'Z'").arg(text));
            return false;
        }
        epochSeconds = time.toSecsSinceEpoch();
        return true;
    }

    void fail(int line, const QString &field, const QString &message)
    {
        m_failed = true;
        if (m_diagnostics)
            m_diagnostics->append({Diagnostic::Severity::Error, m_file, line, 0, field, message});
    }

    QString m_file;
    Diagnostics *m_diagnostics;
    bool m_failed = false;
};

} // namespace

DepthTrace::DepthTrace(QList<DepthSample> samples) : m_samples(std::move(samples))
{
    std::stable_sort(m_samples.begin(), m_samples.end(),
                     [](const DepthSample &a, const DepthSample &b) { return a.epochSeconds < b.epochSeconds; });
}

std::optional<DepthTrace> DepthTrace::fromCsv(const QByteArray &csv, const QString &file, Diagnostics *diagnostics)
{
    auto samples = TraceReader(file, diagnostics).read(csv);
    if (!samples)
        return std::nullopt;
    return DepthTrace(std::move(*samples));
}

std::optional<DepthTrace> DepthTrace::fromFile(const QString &path, Diagnostics *diagnostics)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (diagnostics)
            diagnostics->append({Diagnostic::Severity::Error, path, 0, 0, QString(),
                                 QStringLiteral("cannot read depth trace: ") % file.errorString()});
        return std::nullopt;
    }
    return fromCsv(file.readAll(), path, diagnostics);
}

std::optional<DepthTrace> DepthTrace::fromSamples(QList<DepthSample> samples)
{
    if (samples.isEmpty())
        return std::nullopt;
    return DepthTrace(std::move(samples));
}

QStringList DepthTrace::queues() const
{
    QStringList names;
    for (const DepthSample &sample : m_samples) {
        if (!names.contains(sample.queue))
            names.append(sample.queue);
    }
    return names;
}

} // namespace e2i

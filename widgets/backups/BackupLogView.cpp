#include "BackupLogView.h"


#include <QDir>
#include <QFile>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

#include <optional>

namespace e2i {
namespace {

// The file's last kTailBytes, with a note when the head was left out; nullopt when it cannot be read.
std::optional<QString> readTail(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const qint64 skipped = qMax<qint64>(0, file.size() - BackupLogView::kTailBytes);
    file.seek(skipped);
    const QString tail = QString::fromUtf8(file.readAll());
    return skipped > 0 ? QStringLiteral("[… first %1 bytes not shown …]\n").arg(skipped) + tail : tail;
}

QString readLogs(const QString &directory, const BackupEntry &entry)
{
    const QDir dir(directory);
    QString text;
    if (entry.logFile.isEmpty()) {
        text = QObject::tr("(this entry has no backup log)\n");
    } else {
        const QString path = dir.filePath(entry.logFile);
        text = readTail(path).value_or(QObject::tr("(cannot read %1)\n").arg(path));
    }
    const QString restoreLog = dir.filePath(entry.id + QStringLiteral(".restore.log"));
    if (const auto restore = readTail(restoreLog))
        text += QObject::tr("\n── restore log (%1) ──\n").arg(restoreLog) + *restore;
    return text;
}

} // namespace

BackupLogView::BackupLogView(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(this))
    , m_text(new QPlainTextEdit(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(m_title);
    layout->addWidget(m_text, 1);
    clear();
}

void BackupLogView::clear()
{
    m_job.cancel();
    m_title->setText(tr("Log: select a backup in the catalog"));
    m_text->clear();
}

void BackupLogView::showEntry(const QString &directory, const BackupEntry &entry)
{
    m_title->setText(tr("Log of %1 (loading…)").arg(entry.id));
    m_job.run(this, [directory, entry](const JobHandle<BackupLogView> &job) {
        const QString text = readLogs(directory, entry);
        job.finish([entryId = entry.id, text](BackupLogView &view) { view.display(entryId, text); });
    });
}

void BackupLogView::display(const QString &entryId, const QString &text)
{
    m_title->setText(tr("Log of %1").arg(entryId));
    m_text->setPlainText(text);
    emit shown(entryId);
}

QString BackupLogView::text() const
{
    return m_text->toPlainText();
}

} // namespace e2i

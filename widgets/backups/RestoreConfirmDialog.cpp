#include "RestoreConfirmDialog.h"

#include "BackupFormat.h"
#include "common/StatusIcon.h"
#include "common/Theme.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace e2i {
namespace {
constexpr int kIconSize = 32;
constexpr int kTextWidth = 460;
} // namespace

RestoreConfirmDialog::RestoreConfirmDialog(const BackupEntry &entry, const QString &environment, bool production, QWidget *parent)
    : QDialog(parent)
    , m_environment(environment)
{
    setWindowTitle(tr("Restore %1 in %2").arg(entry.target, environment));
    m_question = tr("Restore backup %1 (taken %2 UTC, %3) into target '%4' of environment '%5'?\n"
                    "The target's current data is replaced. The backup's checksum is verified before anything is touched.")
                     .arg(entry.id, backupformat::utc(entry.startedUtc), backupformat::bytes(entry.sizeBytes), entry.target, environment);

    auto *layout = new QVBoxLayout(this);
    auto *row = new QHBoxLayout;
    auto *icon = new QLabel;
    icon->setPixmap(StatusIcon::pixmap(HealthStatus::Degraded, kIconSize, devicePixelRatioF()));
    row->addWidget(icon, 0, Qt::AlignTop);
    auto *text = new QLabel(m_question);
    text->setWordWrap(true);
    text->setMinimumWidth(kTextWidth);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row->addWidget(text, 1);
    layout->addLayout(row);

    if (production) {
        auto *prompt = new QLabel(tr("'%1' is a production environment. Type its name to enable Restore:").arg(environment));
        prompt->setWordWrap(true);
        QFont bold = prompt->font();
        bold.setBold(true);
        prompt->setFont(bold);
        QPalette warning = prompt->palette();
        warning.setColor(QPalette::WindowText, Theme::statusColour(HealthStatus::Down));
        prompt->setPalette(warning);
        layout->addWidget(prompt);
        m_confirmation = new QLineEdit;
        m_confirmation->setPlaceholderText(environment);
        m_confirmation->setAccessibleName(tr("Environment name"));
        layout->addWidget(m_confirmation);
        connect(m_confirmation, &QLineEdit::textChanged, this, &RestoreConfirmDialog::updateRestoreButton);
    }

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    m_restore = buttons->addButton(tr("Restore"), QDialogButtonBox::DestructiveRole);
    m_restore->setAutoDefault(false);
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(m_restore, &QPushButton::clicked, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    updateRestoreButton();
}

QString RestoreConfirmDialog::question() const
{
    return m_question;
}

bool RestoreConfirmDialog::isConfirmed() const
{
    return !m_confirmation || m_confirmation->text() == m_environment;
}

void RestoreConfirmDialog::updateRestoreButton()
{
    m_restore->setEnabled(isConfirmed());
}

} // namespace e2i

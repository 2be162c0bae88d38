#include "ControlConfirmDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace e2i {

ControlConfirmDialog::ControlConfirmDialog(const ControlApproval &approval, const QString &action, QWidget *parent)
    : QDialog(parent)
    , m_question(approval.question(action))
{
    setWindowTitle(tr("Confirm control action"));
    setWindowModality(Qt::WindowModal);
    auto *layout = new QVBoxLayout(this);
    auto *text = new QLabel(m_question.left(1).toUpper() + m_question.mid(1) + QLatin1Char('.'), this);
    text->setWordWrap(true);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(text);
    if (approval.needsTypedName()) {
        layout->addWidget(new QLabel(tr("This is a production environment: type its name to confirm."), this));
        m_name = new QLineEdit(this);
        m_name->setPlaceholderText(approval.environment());
        layout->addWidget(m_name);
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Do it"));
    // Cancel is the default: Enter alone never changes a platform.
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QString ControlConfirmDialog::typedName() const
{
    return m_name ? m_name->text().trimmed() : QString();
}

void ControlConfirmDialog::setTypedName(const QString &name)
{
    if (m_name)
        m_name->setText(name);
}

} // namespace e2i

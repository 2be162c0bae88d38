#include "SilenceDialog.h"

#include "history/TimeArgument.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace e2i {
namespace {
constexpr qint64 kHourMs = 3600 * 1000;
} // namespace

SilenceDialog::SilenceDialog(const AlertState &alert, QWidget *parent)
    : QDialog(parent)
    , m_alert(alert)
    , m_duration(new QComboBox(this))
    , m_custom(new QLineEdit(this))
    , m_reason(new QLineEdit(this))
    , m_who(new QLineEdit(qEnvironmentVariable("USER", QStringLiteral("unknown")), this))
    , m_everySubject(new QCheckBox(tr("Every subject of %1").arg(alert.rule), this))
    , m_problem(new QLabel(this))
{
    setWindowTitle(tr("Silence %1").arg(alert.key()));
    for (const auto &[label, hours] : {std::pair{tr("1 hour"), 1}, {tr("4 hours"), 4}, {tr("24 hours"), 24}})
        m_duration->addItem(label, hours * kHourMs);
    m_duration->addItem(tr("Custom…"), QVariant());
    m_custom->setPlaceholderText(tr("e.g. 90m, 2h, 3d (at most 30d)"));
    m_custom->setEnabled(false);
    m_reason->setPlaceholderText(tr("Why (recorded in the timeline)"));

    auto *form = new QFormLayout;
    form->addRow(tr("Alert:"), new QLabel(QStringLiteral("<b>%1</b><br>%2").arg(alert.key().toHtmlEscaped(),
                                                                                alert.text.toHtmlEscaped()), this));
    form->addRow(QString(), m_everySubject);
    form->addRow(tr("For:"), m_duration);
    form->addRow(tr("Custom duration:"), m_custom);
    form->addRow(tr("Reason:"), m_reason);
    form->addRow(tr("Who:"), m_who);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("Silence"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(buttons);

    connect(m_duration, &QComboBox::currentIndexChanged, this, [this] {
        m_custom->setEnabled(!m_duration->currentData().isValid());
        validate();
    });
    for (QLineEdit *edit : {m_custom, m_reason, m_who})
        connect(edit, &QLineEdit::textChanged, this, &SilenceDialog::validate);
    m_reason->setFocus();
    validate();
}

std::optional<qint64> SilenceDialog::durationMs(QString *error) const
{
    if (m_duration->currentData().isValid())
        return m_duration->currentData().toLongLong();
    const auto ms = TimeArgument::parseDuration(m_custom->text().trimmed(), error);
    if (ms && (*ms <= 0 || *ms > AlertSilence::kLongestMs)) {
        *error = tr("a silence lasts more than 0 and at most 30 days");
        return std::nullopt;
    }
    return ms;
}

std::optional<AlertSilence> SilenceDialog::silence(qint64 nowMs, QString *error) const
{
    QString problem;
    const auto duration = durationMs(&problem);
    if (duration && m_reason->text().trimmed().isEmpty())
        problem = tr("give a reason");
    else if (duration && m_who->text().trimmed().isEmpty())
        problem = tr("say who silences it");
    if (error)
        *error = problem;
    if (!problem.isEmpty() || !duration)
        return std::nullopt;
    return AlertSilence{m_alert.rule, m_everySubject->isChecked() ? QString() : m_alert.subject, nowMs,
                        nowMs + *duration, m_who->text().trimmed(), m_reason->text().trimmed()};
}

void SilenceDialog::validate()
{
    QString problem;
    const bool ok = silence(0, &problem).has_value();
    m_ok->setEnabled(ok);
    m_problem->setText(ok ? QString() : problem);
}

} // namespace e2i

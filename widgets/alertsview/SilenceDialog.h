#pragma once
// "Silence…" for one alert: how long (1 h, 4 h, 24 h or a duration typed in,
// at most 30 days), why (required), who (the login name, editable), and
// whether every subject of the rule is meant. OK stays disabled until the
// answer is a silence `e2ictl alerts silence` would accept too.
#include "alerts/AlertSilence.h"
#include "alerts/AlertState.h"

#include <QDialog>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace e2i {

class SilenceDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SilenceDialog(const AlertState &alert, QWidget *parent = nullptr);

    // The silence as filled in, starting at nowMs; nullopt with `error` set while incomplete.
    std::optional<AlertSilence> silence(qint64 nowMs, QString *error = nullptr) const;

    // The fields, for tests.
    QComboBox *durationChoice() const { return m_duration; }
    QLineEdit *customDuration() const { return m_custom; }
    QLineEdit *reason() const { return m_reason; }
    QLineEdit *who() const { return m_who; }
    QCheckBox *everySubject() const { return m_everySubject; }

private:
    std::optional<qint64> durationMs(QString *error) const;
    void validate();

    AlertState m_alert;
    QComboBox *m_duration;
    QLineEdit *m_custom;
    QLineEdit *m_reason;
    QLineEdit *m_who;
    QCheckBox *m_everySubject;
    QLabel *m_problem;
    QPushButton *m_ok = nullptr;
};

} // namespace e2i

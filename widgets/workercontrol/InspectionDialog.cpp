#include "InspectionDialog.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace e2i {

InspectionDialog::InspectionDialog(const QString &title, const QMap<QString, QJsonValue> &answers, QWidget *parent)
    : QDialog(parent)
    , m_view(new QPlainTextEdit(this))
{
    setWindowTitle(title);
    m_view->setReadOnly(true);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_view->setPlainText(format(answers));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view);
    layout->addWidget(buttons);
    resize(640, 480);
}

QString InspectionDialog::text() const
{
    return m_view->toPlainText();
}

QString InspectionDialog::format(const QMap<QString, QJsonValue> &answers)
{
    QString text;
    for (auto it = answers.begin(); it != answers.end(); ++it) {
        const QJsonValue &answer = it.value();
        const QByteArray json = answer.isArray()    ? QJsonDocument(answer.toArray()).toJson(QJsonDocument::Indented)
                                : answer.isObject() ? QJsonDocument(answer.toObject()).toJson(QJsonDocument::Indented)
                                                    : QJsonDocument(QJsonArray{answer}).toJson(QJsonDocument::Compact);
        text += QStringLiteral("## %1\n%2\n").arg(it.key(), QString::fromUtf8(json).trimmed());
    }
    return text;
}

} // namespace e2i

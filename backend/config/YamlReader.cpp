#include "YamlReader.h"

#include "YamlCharacters.h"
#include "YamlConverter.h"

#include <QFile>

#include <yaml-cpp/yaml.h>

#include <algorithm>

namespace e2i {

namespace {

constexpr qint64 NodesPerInputByte = 100;
constexpr qint64 MinNodeLimit = 100'000;
constexpr qint64 MaxNodeLimit = 1'000'000;

// yaml-cpp marks are 0-based, and -1 when unknown.
int oneBased(int position)
{
    return position < 0 ? 0 : position + 1;
}

} // namespace

qint64 YamlReader::nodeLimit(qsizetype inputBytes)
{
    return std::clamp(NodesPerInputByte * qint64(inputBytes), MinNodeLimit, MaxNodeLimit);
}

std::optional<YamlNode> YamlReader::readFile(const QString &path, Diagnostics &diagnostics)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        diagnostics.append({Diagnostic::Severity::Error, path, 0, 0, QString(),
                            QStringLiteral("cannot read the file: %1").arg(file.errorString())});
        return std::nullopt;
    }
    return readText(file.readAll(), path, diagnostics);
}

std::optional<YamlNode> YamlReader::readText(const QByteArray &text, const QString &fileName,
                                             Diagnostics &diagnostics)
{
    if (const auto problem = YamlCharacters::firstProblem(text)) {
        diagnostics.append({Diagnostic::Severity::Error, fileName, problem->line, problem->column, QString(),
                            problem->message});
        return std::nullopt;
    }
    YAML::Node root;
    try {
        // Cheap even for an alias bomb: yaml-cpp shares an aliased node instead of copying it.
        root = YAML::Load(text.toStdString());
    } catch (const YAML::Exception &error) {
        diagnostics.append({Diagnostic::Severity::Error, fileName, oneBased(error.mark.line),
                            oneBased(error.mark.column), QString(),
                            QStringLiteral("invalid YAML: %1").arg(QString::fromStdString(error.msg))});
        return std::nullopt;
    }
    return YamlConverter(fileName, diagnostics, nodeLimit(text.size())).convertDocument(root);
}

} // namespace e2i

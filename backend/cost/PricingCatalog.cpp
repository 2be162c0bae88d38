#include "cost/PricingCatalog.h"

#include <QFile>
#include <QSet>
#include <QStandardPaths>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <tuple>

namespace e2i {
namespace {

QString describeSource(const YAML::Node &root)
{
    QStringList parts;
    for (const char *key : {"provider", "family", "region", "price_kind", "as_of"}) {
        if (root[key] && root[key].IsScalar())
            parts << QString::fromStdString(root[key].Scalar());
    }
    return parts.join(QLatin1Char(' '));
}

// Reads one pricing document, collecting every problem instead of stopping at the first.
class PricingReader {
public:
    PricingReader(const QString &file, Diagnostics *diagnostics)
        : m_file(file), m_diagnostics(diagnostics) {}

    // `description` gets the file's provider, family, region, price kind and date.
    PricingCatalog read(const QByteArray &yaml, QString &description)
    {
        YAML::Node root;
        try {
            root = YAML::Load(yaml.toStdString());
        } catch (const YAML::ParserException &e) {
            error(e.mark.line + 1, QString(), QStringLiteral("not valid YAML: ") % QString::fromStdString(e.msg));
            return {};
        }
        if (!root.IsMap()) {
            error(1, QString(), QStringLiteral("expected a mapping with 'instances' at the top level"));
            return {};
        }
        const double hours = root["hours_per_month"]
            ? positiveNumber(root["hours_per_month"], QStringLiteral("hours_per_month"))
            : PricingCatalog::kDefaultHoursPerMonth;
        QList<InstanceType> instances = readInstances(root);
        if (m_failed)
            return {};
        description = describeSource(root);
        return PricingCatalog(std::move(instances), hours);
    }

private:
    QList<InstanceType> readInstances(const YAML::Node &root)
    {
        const YAML::Node list = root["instances"];
        if (!list || !list.IsSequence() || list.size() == 0) {
            error(lineOf(list ? list : root), QStringLiteral("instances"),
                  QStringLiteral("must be a non-empty list of instance types"));
            return {};
        }
        QList<InstanceType> instances;
        QSet<QString> names;
        for (std::size_t i = 0; i < list.size(); ++i) {
            const QString field = QStringLiteral("instances[%1]").arg(i);
            const InstanceType instance = readInstance(list[i], field);
            if (!instance.name.isEmpty() && names.contains(instance.name))
                error(lineOf(list[i]), field % QStringLiteral(".name"),
                      QStringLiteral("'%1' is listed twice").arg(instance.name));
            names.insert(instance.name);
            instances.append(instance);
        }
        return instances;
    }

    InstanceType readInstance(const YAML::Node &item, const QString &field)
    {
        if (!item.IsMap()) {
            error(lineOf(item), field, QStringLiteral("must be a mapping with name, vcpus, memory_gib, usd_per_hour"));
            return {};
        }
        InstanceType instance;
        instance.name = text(item, field, "name");
        instance.vcpus = requiredPositive(item, field, "vcpus");
        instance.memoryGiB = requiredPositive(item, field, "memory_gib");
        instance.usdPerHour = requiredPositive(item, field, "usd_per_hour");
        return instance;
    }

    QString text(const YAML::Node &item, const QString &parent, const char *key)
    {
        const QString field = parent % QLatin1Char('.') % QLatin1String(key);
        const YAML::Node node = item[key];
        if (!node || !node.IsScalar() || node.Scalar().empty()) {
            error(lineOf(node ? node : item), field, QStringLiteral("is required and must be a non-empty string"));
            return {};
        }
        return QString::fromStdString(node.Scalar());
    }

    double requiredPositive(const YAML::Node &item, const QString &parent, const char *key)
    {
        const QString field = parent % QLatin1Char('.') % QLatin1String(key);
        const YAML::Node node = item[key];
        if (!node) {
            error(lineOf(item), field, QStringLiteral("is required"));
            return 0.0;
        }
        return positiveNumber(node, field);
    }

    double positiveNumber(const YAML::Node &node, const QString &field)
    {
        double value = 0.0;
        if (!node.IsScalar() || !YAML::convert<double>::decode(node, value)) {
            error(lineOf(node), field, QStringLiteral("must be a number, got '%1'")
                                           .arg(QString::fromStdString(node.IsScalar() ? node.Scalar() : std::string("(not a scalar)"))));
            return 0.0;
        }
        if (!(value > 0.0)) {
            error(lineOf(node), field, QStringLiteral("must be greater than 0, got %1").arg(value));
            return 0.0;
        }
        return value;
    }

    static int lineOf(const YAML::Node &node) { return node.Mark().line + 1; }

    void error(int line, const QString &field, const QString &message)
    {
        m_failed = true;
        if (!m_diagnostics)
            return;
        Diagnostic d;
        d.file = m_file;
        d.line = std::max(line, 0);
        d.field = field;
        d.message = message;
        m_diagnostics->append(d);
    }

    QString m_file;
    Diagnostics *m_diagnostics;
    bool m_failed = false;
};

} // namespace

PricingCatalog::PricingCatalog(QList<InstanceType> instances, double hoursPerMonth)
    : m_instances(std::move(instances)), m_hoursPerMonth(hoursPerMonth)
{
}

PricingCatalog PricingCatalog::fromYaml(const QByteArray &yaml, const QString &file,
                                        Diagnostics *diagnostics)
{
    QString description;
    PricingCatalog catalog = PricingReader(file, diagnostics).read(yaml, description);
    catalog.m_sourceFile = file;
    catalog.m_description = description;
    return catalog;
}

PricingCatalog PricingCatalog::fromFile(const QString &path, Diagnostics *diagnostics)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (diagnostics)
            diagnostics->append({Diagnostic::Severity::Error, path, 0, 0, QString(),
                                 QStringLiteral("cannot read pricing file: ") % file.errorString()});
        return {};
    }
    return fromYaml(file.readAll(), path, diagnostics);
}

QString PricingCatalog::builtInPath()
{
    return QStringLiteral(":/pricing/aws-c6i-us-east-1.yml");
}

PricingCatalog PricingCatalog::builtIn()
{
    // The built-in file is checked by the tests; a failure here is a build defect.
    return fromFile(builtInPath(), nullptr);
}

QString PricingCatalog::userOverridePath()
{
    // GenericConfigLocation is $XDG_CONFIG_HOME, or ~/.config when it is unset.
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
           % QStringLiteral("/e2i-console/pricing.yml");
}

PricingCatalog PricingCatalog::preferred(Diagnostics *diagnostics)
{
    const QString user = userOverridePath();
    if (!QFile::exists(user))
        return builtIn();
    PricingCatalog catalog = fromFile(user, diagnostics);
    if (!catalog.isEmpty())
        return catalog;
    if (diagnostics)
        diagnostics->append({Diagnostic::Severity::Warning, user, 0, 0, QString(),
                             QStringLiteral("user pricing file rejected; using the built-in prices")});
    return builtIn();
}

std::optional<InstanceType> PricingCatalog::instance(const QString &name) const
{
    const auto it = std::find_if(m_instances.begin(), m_instances.end(),
                                 [&](const InstanceType &t) { return t.name == name; });
    return it == m_instances.end() ? std::nullopt : std::optional<InstanceType>(*it);
}

std::optional<InstanceType> PricingCatalog::largest() const
{
    const auto it = std::max_element(m_instances.begin(), m_instances.end(),
                                     [](const InstanceType &a, const InstanceType &b) {
                                         return std::tie(a.vcpus, a.memoryGiB) < std::tie(b.vcpus, b.memoryGiB);
                                     });
    return it == m_instances.end() ? std::nullopt : std::optional<InstanceType>(*it);
}

} // namespace e2i

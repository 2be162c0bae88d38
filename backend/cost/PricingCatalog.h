#pragma once
#include "core/Diagnostic.h"
#include "cost/InstanceType.h"

#include <QList>
#include <QString>

#include <optional>

namespace e2i {

// Instance prices read from a pricing YAML file (resources/pricing/*.yml). The
// console ships one built in (Qt resource :/pricing/aws-c6i-us-east-1.yml); a user
// copy at userOverridePath() replaces it.
class PricingCatalog {
public:
    static constexpr double kDefaultHoursPerMonth = 730.0;

    // Empty catalog when the file is unreadable or has errors; `diagnostics`
    // names file, line, field and the problem either way.
    static PricingCatalog fromFile(const QString &path, Diagnostics *diagnostics);
    static PricingCatalog fromYaml(const QByteArray &yaml, const QString &file,
                                   Diagnostics *diagnostics);
    static PricingCatalog builtIn();
    // The user's override when it exists, else the built-in catalog.
    static PricingCatalog preferred(Diagnostics *diagnostics);
    static QString builtInPath();
    static QString userOverridePath();

    PricingCatalog() = default;
    PricingCatalog(QList<InstanceType> instances, double hoursPerMonth);

    const QList<InstanceType> &instances() const { return m_instances; }
    bool isEmpty() const { return m_instances.isEmpty(); }
    double hoursPerMonth() const { return m_hoursPerMonth; }
    std::optional<InstanceType> instance(const QString &name) const;
    std::optional<InstanceType> largest() const; // most vCPUs, then most memory

    QString sourceFile() const { return m_sourceFile; }
    QString description() const { return m_description; } // "aws c6i us-east-1 on-demand list price 2026-11-23"

private:
    QList<InstanceType> m_instances;
    double m_hoursPerMonth = kDefaultHoursPerMonth;
    QString m_sourceFile;
    QString m_description;
};

} // namespace e2i

/// The statutory time limits of the registered lines (RULES.md §3–4) under stable keys, assembled from the lines'
/// declarations (each line lists its own rules in its folder; the server passes every registered module's rules).
///
/// Rules marked `unverified` are configurable data: a bureau may override their limits
/// (`DeadlineCatalogue(rules:overrides:)`); verified rules are statute and cannot be overridden.
public struct DeadlineCatalogue: Sendable {
    /// All rules, in the order the lines declare them.
    public let all: [DeadlineRule]
    private let index: [String: Int]

    /// The catalogue of `rules`, with `overrides` (key → limit) applied to unverified rules. Throws for an unknown
    /// key, a verified rule or a non-positive limit.
    public init(rules: [DeadlineRule], overrides: [String: Int] = [:]) throws(DeadlineError) {
        var rules = rules
        var index: [String: Int] = [:]
        for (position, rule) in rules.enumerated() { index[rule.key] = position }
        for (key, limit) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let position = index[key] else { throw .unknownRule(key: key) }
            guard rules[position].unverified else { throw .overrideNotAllowed(rule: key) }
            guard limit > 0 else { throw .nonPositiveLimit(field: "overrides[\(key)]", value: limit) }
            rules[position].limit = limit
        }
        self.all = rules
        self.index = index
    }

    public func rule(_ key: String) throws(DeadlineError) -> DeadlineRule {
        guard let position = index[key] else { throw .unknownRule(key: key) }
        return all[position]
    }

    /// Rules whose key starts with `prefix` (a line's code name and a dot), for a work line's page.
    public func rules(inLine prefix: String) -> [DeadlineRule] {
        all.filter { $0.key.hasPrefix(prefix) }
    }
}

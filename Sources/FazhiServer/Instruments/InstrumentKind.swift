import FazhiCore
import FazhiOffice

/// One kind of formal document a line issues (its `InstrumentTemplate`), without the line's dossier type, for the
/// shared parts that treat every kind alike: the registry lists them (`ModuleRegistry.instrumentKinds`) and the layout
/// test prints each one's specimen through LibreOffice, so a new line's documents are checked once it declares them.
struct InstrumentKind: Sendable {
    let line: WorkLine
    let kind: String
    let title: String
    /// The document as issued for the first of the line's specimen cases that allows the kind (a realistic case in
    /// the state the kind needs, its sections written as an officer would); nil when none does.
    let specimen: @Sendable () throws -> OfficialDocument?

    /// The kinds of `templates`, each with its specimen drawn from `specimens`.
    static func of<Dossier: Sendable>(_ templates: [InstrumentTemplate<Dossier>], line: WorkLine,
                            specimens: @escaping @Sendable () throws -> [InstrumentContext<Dossier>]) -> [InstrumentKind] {
        templates.map { template in
            InstrumentKind(line: line, kind: template.kind, title: template.title) {
                try specimens().first { template.isAvailable($0.dossier) }.map(template.document)
            }
        }
    }
}

import FazhiCore

/// One entry of the staff navigation. It is shown only to users whose scope passes `isVisible` in the app's modules.
struct NavItem: Sendable {
    let section: String
    let title: String
    let path: String
    let isVisible: @Sendable (Scope, ModuleRegistry) -> Bool

    /// An entry shown to the users whose scope passes `isVisible`.
    init(section: String, title: String, path: String, isVisible: @escaping @Sendable (Scope) -> Bool) {
        self.init(section: section, title: title, path: path, isVisibleIn: { scope, _ in isVisible(scope) })
    }

    /// An entry whose visibility depends on what the app's modules declare too (the ledger pages: the kinds of each line).
    init(section: String, title: String, path: String, isVisibleIn isVisible: @escaping @Sendable (Scope, ModuleRegistry) -> Bool) {
        self.section = section
        self.title = title
        self.path = path
        self.isVisible = isVisible
    }
}

/// The navigation, assembled from what each module the app runs registers (`ModuleRegistry.navigation`).
enum Navigation {
    struct Section {
        let title: String
        let items: [NavItem]
    }

    /// The entries of the modules' navigation that `scope` may see, by section.
    static func visibleSections(of modules: ModuleRegistry, for scope: Scope) -> [Section] {
        var order: [String] = []
        var bySection: [String: [NavItem]] = [:]
        for item in modules.navigation where item.isVisible(scope, modules) {
            if bySection[item.section] == nil { order.append(item.section) }
            bySection[item.section, default: []].append(item)
        }
        return order.map { Section(title: $0, items: bySection[$0] ?? []) }
    }
}

import FazhiCore

/// One entry of the staff navigation. It is shown only to users whose scope passes `isVisible`.
struct NavItem: Sendable {
    let section: String
    let title: String
    let path: String
    let isVisible: @Sendable (Scope) -> Bool
}

/// The navigation, assembled from what each module the app runs registers (`ModuleRegistry.navigation`).
enum Navigation {
    struct Section {
        let title: String
        let items: [NavItem]
    }

    static func visibleSections(of items: [NavItem], for scope: Scope) -> [Section] {
        var order: [String] = []
        var bySection: [String: [NavItem]] = [:]
        for item in items where item.isVisible(scope) {
            if bySection[item.section] == nil { order.append(item.section) }
            bySection[item.section, default: []].append(item)
        }
        return order.map { Section(title: $0, items: bySection[$0] ?? []) }
    }
}

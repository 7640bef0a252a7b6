import FazhiOffice

/// Server-rendered HTML as typed values, escaped by default.
///
/// Why our own and not Plot: Plot (the type-safe HTML package on this machine) writes attribute values unescaped
/// and keeps `&entity;` sequences in text as they are, so a party's name containing `"` could break out of an
/// attribute. Leaf and Mustache escape but are not type-checked. This is the smallest thing that is both:
/// every text and attribute value is escaped when rendered; `raw` exists only for trusted constants.
struct Markup: Sendable {
    fileprivate enum Kind: Sendable {
        case element(name: String, attributes: [Attribute], children: [Markup], isVoid: Bool)
        case text(String)
        case raw(String)
        case fragment([Markup])
    }

    fileprivate let kind: Kind

    static func text(_ text: String) -> Markup { Markup(kind: .text(text)) }
    /// Trusted markup written by us (never data): the doctype, inline SVG paths we compute.
    static func raw(_ html: String) -> Markup { Markup(kind: .raw(html)) }
    static func fragment(_ children: [Markup]) -> Markup { Markup(kind: .fragment(children)) }
    static let empty = Markup(kind: .fragment([]))

    func render() -> String {
        var out = ""
        out.reserveCapacity(4096)
        render(into: &out)
        return out
    }

    func render(into out: inout String) {
        switch kind {
        case .text(let text):
            out += Markup.escape(text)
        case .raw(let html):
            out += html
        case .fragment(let children):
            for child in children { child.render(into: &out) }
        case let .element(name, attributes, children, isVoid):
            out += "<" + name
            for attribute in attributes {
                guard let value = attribute.value else { continue }
                out += " " + attribute.name
                if !attribute.isBoolean { out += "=\"" + Markup.escape(value) + "\"" }
            }
            out += ">"
            if isVoid { return }
            for child in children { child.render(into: &out) }
            out += "</" + name + ">"
        }
    }

    /// Text for HTML character data or a quoted attribute: the same escaping as every document and spreadsheet part
    /// (`XMLText.escaped`: & < > " ' escaped, `'` as `&#39;` which HTML reads, control characters dropped), so there is
    /// one function to audit.
    static func escape(_ text: String) -> String {
        XMLText.escaped(text)
    }
}

/// One attribute. A nil value drops it, so optional attributes read naturally.
struct Attribute: Sendable {
    let name: String
    let value: String?
    var isBoolean = false

    init(_ name: String, _ value: String?) {
        self.name = name
        self.value = value
    }

    static func `class`(_ value: String?) -> Attribute { Attribute("class", value) }
    static func id(_ value: String?) -> Attribute { Attribute("id", value) }
    static func href(_ value: String) -> Attribute { Attribute("href", value) }
    static func name(_ value: String) -> Attribute { Attribute("name", value) }
    static func type(_ value: String) -> Attribute { Attribute("type", value) }
    static func value(_ value: String?) -> Attribute { Attribute("value", value) }
    static func `for`(_ value: String) -> Attribute { Attribute("for", value) }
    static func title(_ value: String?) -> Attribute { Attribute("title", value) }
    static func aria(_ name: String, _ value: String?) -> Attribute { Attribute("aria-" + name, value) }
    static func data(_ name: String, _ value: String?) -> Attribute { Attribute("data-" + name, value) }

    /// A boolean attribute (`required`, `selected`, …), present only when `on`.
    static func flag(_ name: String, _ on: Bool = true) -> Attribute {
        var attribute = Attribute(name, on ? name : nil)
        attribute.isBoolean = true
        return attribute
    }
}

@resultBuilder
enum MarkupBuilder {
    static func buildExpression(_ markup: Markup) -> [Markup] { [markup] }
    static func buildExpression(_ text: String) -> [Markup] { [.text(text)] }
    static func buildExpression(_ markups: [Markup]) -> [Markup] { markups }
    static func buildBlock(_ parts: [Markup]...) -> [Markup] { parts.flatMap { $0 } }
    static func buildOptional(_ part: [Markup]?) -> [Markup] { part ?? [] }
    static func buildEither(first: [Markup]) -> [Markup] { first }
    static func buildEither(second: [Markup]) -> [Markup] { second }
    static func buildArray(_ parts: [[Markup]]) -> [Markup] { parts.flatMap { $0 } }
}

private let voidElements: Set<String> = ["input", "meta", "link", "br", "hr", "img"]

/// Any element: `el("td", .class("num")) { "3" }`.
func el(_ name: String, _ attributes: Attribute..., @MarkupBuilder content: () -> [Markup] = { [] }) -> Markup {
    Markup(kind: .element(name: name, attributes: attributes, children: content(), isVoid: voidElements.contains(name)))
}

/// Any element with attributes computed as an array.
func el(_ name: String, attributes: [Attribute], @MarkupBuilder content: () -> [Markup] = { [] }) -> Markup {
    Markup(kind: .element(name: name, attributes: attributes, children: content(), isVoid: voidElements.contains(name)))
}

extension Markup {
    /// A group of siblings.
    static func group(@MarkupBuilder _ content: () -> [Markup]) -> Markup { .fragment(content()) }
}

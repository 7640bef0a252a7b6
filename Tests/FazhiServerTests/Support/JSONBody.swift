import Vapor

/// Minimal JSON values for request bodies with mixed types.
enum AnyJSON: Encodable {
    case string(String), int(Int), bool(Bool), array([AnyJSON]), object([String: AnyJSON]), null

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let v): try container.encode(v)
        case .int(let v): try container.encode(v)
        case .bool(let v): try container.encode(v)
        case .array(let v): try container.encode(v)
        case .object(let v): try container.encode(v)
        case .null: try container.encodeNil()
        }
    }
}

struct JSONBody: Content {
    let values: [String: AnyJSON]
    init(_ values: [String: AnyJSON]) { self.values = values }
    func encode(to encoder: Encoder) throws { try values.encode(to: encoder) }
    init(from decoder: Decoder) throws { values = [:] }
}

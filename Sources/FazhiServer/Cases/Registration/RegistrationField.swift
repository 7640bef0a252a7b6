import FazhiCore
import Fluent
import Foundation

/// One field of a line's case registration, declared once in the line's folder: its name (the API key and the
/// form's field), its label, its kind and rule, where it sits on the form, and the spreadsheet columns it comes from
/// on import. `CaseRegistration` builds from these the web form, the API body and its OpenAPI schema, the import
/// sheet's columns, and the mapping of a rule's error back to the field or column.
struct RegistrationField: Sendable {
    enum Kind: Sendable {
        /// A date (YYYY-MM-DD). `notAfterToday`: a date the office has already seen (received, served);
        /// `defaultsToToday`: the form opens with today's date.
        case date(notAfterToday: Bool = false, defaultsToToday: Bool = false)
        /// Text of at most `maxLength` characters; `rows` makes it a multi-line box on the form.
        case text(maxLength: Int, rows: Int? = nil)
        /// One of the codes (code, Chinese); `default` is taken when the input names none.
        case choice([(code: String, label: String)], default: String? = nil)
        /// A whole number within `range`, counted in `unit` (人, 元): a JSON number or its digits in the API, digits on the
        /// form and in a sheet.
        case integer(ClosedRange<Int>, unit: String)
        /// Yes or no; `default` is taken when the API body leaves it out (an unticked box on the form is no).
        case flag(default: Bool = false)
        /// An active agency of the bureau the case is handled in: its id in the API and the form, its exact name in a sheet.
        case agency
        /// The parties in `role` (its Chinese `roleLabel`), validated by the identity rules (GB 11643, GB 32100).
        case parties(role: String, roleLabel: String, form: PartyForm)
        /// One of a list kept as data (dispute types an admin extends): its code in the API and the form, its code or
        /// exact label in a sheet.
        case lookup(Lookup)
    }

    /// A list of choices read from records when the form opens and when an input is checked.
    struct Lookup: Sendable {
        /// Where the list is kept, for the error (e.g. 纠纷类型目录).
        let listName: String
        /// The (code, label) pairs open to the registering office.
        let load: @Sendable (Database, UUID) async throws -> [(code: String, label: String)]
    }

    /// How many of a party's particulars the registration form asks for (the API always takes all of them).
    enum PartyForm: Sendable {
        /// Not on the form (API and import only).
        case hidden
        /// Name and phone, a person (an agent).
        case nameAndPhone
        /// Kind, name, ID number or credit code, phone and address.
        case full
    }

    /// A spreadsheet column the field is read from on import.
    struct Column: Sendable {
        let name: String
        let header: String
        let example: String
    }

    let name: String
    let label: String
    let kind: Kind
    let required: Bool
    let hint: String?
    /// The legend of the form's fieldset the field sits in; consecutive fields with the same section share one.
    let section: String?
    /// The columns of the import sheet: one for a value, two (name, then identity number or credit code) for parties;
    /// none when the sheet does not carry the field.
    private(set) var columns: [Column]

    init(_ name: String, _ label: String, _ kind: Kind, required: Bool = false, hint: String? = nil, section: String? = nil,
         column: (name: String, header: String, example: String)? = nil) {
        self.name = name
        self.label = label
        self.kind = kind
        self.required = required
        self.hint = hint
        self.section = section
        self.columns = column.map { [Column(name: $0.name, header: $0.header, example: $0.example)] } ?? []
    }

    /// Parties read from a sheet's name column and identity column.
    init(parties name: String, role: String, roleLabel: String, form: PartyForm, required: Bool = false, section: String? = nil,
         nameColumn: (name: String, header: String, example: String)? = nil,
         identityColumn: (name: String, header: String, example: String)? = nil) {
        self.init(name, roleLabel, .parties(role: role, roleLabel: roleLabel, form: form), required: required, section: section)
        if let nameColumn, let identityColumn {
            self.columns = [Column(name: nameColumn.name, header: nameColumn.header, example: nameColumn.example),
                            Column(name: identityColumn.name, header: identityColumn.header, example: identityColumn.example)]
        }
    }

    /// The most parties of one role a registration takes.
    static let partyLimit = 50

    var partyRole: (role: String, label: String, form: PartyForm)? {
        if case .parties(let role, let label, let form) = kind { return (role, label, form) }
        return nil
    }
}

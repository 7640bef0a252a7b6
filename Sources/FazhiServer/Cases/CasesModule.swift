import Fluent
import Vapor

/// The shared case machinery's tables. The lines that use it are modules of their own (`app.modules`).
enum CasesModule: Module {
    static var migrations: [any Migration] {
        [CreateCaseTables(), CreateInstruments(), CreateAttachments(), MaskNamesInCaseTitles(), IndexCaseQueues(), IndexCaseCounts(),
         CreateInstrumentDrafts(), CreateInstrumentServices(), AddPartyLegalRepresentatives()]
    }

    static func staffRoutes(_ routes: RoutesBuilder) {
        InstrumentController.staffRoutes(routes)
        Attachments.staffRoutes(routes)
    }
}

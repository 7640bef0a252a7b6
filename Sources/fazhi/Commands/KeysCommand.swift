import ArgumentParser
import FazhiServer
import Foundation

struct KeysCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "keys", abstract: "The data key that encrypts personal data.",
                                                    subcommands: [Rotate.self])

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate",
            abstract: "Re-encrypt every stored personal field under a new data key (stop the server first; resumable).",
            discussion: """
            SQLite: the new key is written to <database>.key.next, fields are re-encrypted in batches (each its own \
            transaction), then it replaces <database>.key and the old key is kept in <database>.key.old. \
            FAZHI_DATA_KEY: set FAZHI_DATA_KEY_NEXT first; when done, make it FAZHI_DATA_KEY. \
            After a crash or kill, run it again: it goes on where it stopped, and both keys stay in force until then.
            """)
        @OptionGroup var options: EnvironmentOptions
        @Option(help: "Parties re-encrypted per transaction.") var batchSize = 500

        func run() async throws {
            let config = options.configuration()
            do {
                let lines = try await FazhiApp.with(config) { app in
                    try await FazhiApp.rotateKeys(app, config, batchSize: batchSize) { resealed, total in
                        FileHandle.standardError.write(Data("已重新加密 \(resealed)/\(total)\n".utf8))
                    }
                }
                for line in lines { print(line) }
            } catch let needed as FazhiApp.NextKeyRequired {
                FileHandle.standardError.write(Data("\(needed.description)\n".utf8))
                throw ExitCode(2)
            }
        }
    }
}

import ArgumentParser
import FazhiServer
import Foundation

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Write a consistent copy of the database while the system runs (SQLite: VACUUM INTO; PostgreSQL: pg_dump).",
        discussion: "With the embedded database the data key is written beside it as FILE.key (mode 600): keep it apart from the backup.")
    @OptionGroup var options: EnvironmentOptions
    @Option(help: "The backup file to write (must not exist).") var out: String

    func run() async throws {
        do {
            for line in try await FazhiApp.backup(options.configuration(), to: out) { print(line) }
        } catch let refused as FazhiApp.BackupRefused {
            FileHandle.standardError.write(Data("错误：\(refused.description)\n".utf8))
            throw ExitCode(2)
        }
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Restore a backup into the configured database, which must be empty; then verify the audit chain.")
    @OptionGroup var options: EnvironmentOptions
    @Argument(help: "A file `fazhi backup` wrote (with FILE.key beside it for the embedded database).") var file: String

    func run() async throws {
        do {
            for line in try await FazhiApp.restore(options.configuration(), from: file) { print(line) }
        } catch let refused as FazhiApp.BackupRefused {
            FileHandle.standardError.write(Data("错误：\(refused.description)\n".utf8))
            throw ExitCode(2)
        }
    }
}

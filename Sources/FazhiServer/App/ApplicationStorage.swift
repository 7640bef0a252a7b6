import FazhiCore
import Vapor

private struct ConfigurationKey: StorageKey {
    typealias Value = FazhiConfiguration
}

extension Application {
    /// The configuration the app was built with.
    var fazhi: FazhiConfiguration {
        get { storage[ConfigurationKey.self] ?? FazhiConfiguration() }
        set { storage[ConfigurationKey.self] = newValue }
    }
}

private struct DataProtectionKey: StorageKey {
    typealias Value = DataProtection
}

extension Application {
    /// Encryption of personal data, set up by `configure` from the configuration.
    var dataProtection: DataProtection {
        get {
            guard let protection = storage[DataProtectionKey.self] else { fatalError("configure(_:_:) sets up data protection") }
            return protection
        }
        set { storage[DataProtectionKey.self] = newValue }
    }
}

extension Request {
    var dataProtection: DataProtection { application.dataProtection }
}

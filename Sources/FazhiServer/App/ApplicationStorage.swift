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

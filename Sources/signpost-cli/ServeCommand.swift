import ArgumentParser
import Foundation
import Logging
import Signpost
import SignpostServer

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the search page and the Open Referral UK shaped API over HTTP.",
        discussion: """
            With --index DIR the server answers from the live snapshot that `signpost load` keeps there, and
            swaps to a new one atomically when it arrives (or on SIGHUP); a snapshot that cannot be read is
            refused and logged, and the previous one keeps serving. SIGINT/SIGTERM shut down gracefully.
              signpost serve --index /var/lib/signpost --port 8080
              signpost serve                                  (the bundled Leeds directory)
            """
    )

    @OptionGroup var directory: DirectoryOptions

    @Option(name: .long, help: "Address to listen on (loopback by default).")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "Port to listen on (0: any free port).")
    var port: Int = 8080

    @Option(name: .long, help: ArgumentHelp("Log level: trace, debug, info, notice, warning, error.", valueName: "level"))
    var logLevel: String = "info"

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level \(logLevel) is not a log level") }
    }

    func run() async throws {
        var logger = Logger(label: "signpost")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let city: CityData
        let live = LiveDirectory()
        var background: [any ServiceLifecycle.Service] = []
        do {
            if let index = directory.index {
                if directory.corpus != nil { throw ValidationError("use either --corpus or --index, not both") }
                let store = SnapshotStore(folder: URL(fileURLWithPath: index))
                var first: SnapshotStore.Loaded? = nil
                do { first = try store.load() } catch {
                    logger.warning("no snapshot to serve yet; answering 503 until one is loaded", metadata: ["reason": "\(error.reason)"])
                }
                // The snapshot's own time zone unless one is given; every snapshot served must fit the city.
                city = try directory.place.load(defaultZone: first?.snapshot.timeZone, withoutWards: first?.snapshot.wardNames.isEmpty ?? false)
                if let loaded = first {
                    for p in loaded.skipped { logger.warning("skipped a damaged snapshot", metadata: ["problem": "\(p)"]) }
                    if let why = loaded.snapshot.mismatch(with: city) {
                        throw CLIError.badData("\(index): the live snapshot \(loaded.file.lastPathComponent) cannot be served: \(why)")
                    }
                    live.swap(Directory(snapshot: loaded.snapshot, city: city), file: loaded.file)
                    logger.info("serving", metadata: ["snapshot": "\(loaded.file.lastPathComponent)", "services": "\(loaded.snapshot.documentCount)"])
                }
                background.append(SnapshotReloader(store: store, live: live, city: city, logger: logger))
            } else {
                let opened = try directory.open()
                city = opened.city
                live.swap(opened.directory, file: nil)
                logger.info("serving", metadata: ["corpus": "\(directory.corpus ?? "bundled Leeds directory")", "services": "\(opened.directory.count)"])
            }
        } catch let e as CLIError {
            Terminal.error(e.description)
            throw e.exitCode
        }
        // Without the word list the speller may "correct" correct words (`vape`): say so once.
        if EnglishWords.british.isEmpty {
            logger.warning("no British English word list found (install Debian's wbritish, as scripts/setup does); the speller may change correct words")
        }
        let announce = logger, host = self.host
        let app = SignpostServer.application(live: live, city: city, host: host, port: port, logger: logger, services: background) { port in
            announce.info("listening", metadata: ["url": "http://\(host):\(port)/"])
        }
        do {
            try await app.runService()
        } catch {
            // Not a stack of NIO's words: say what it means (a tester got `bind(descriptor:ptr:bytes:):
            // Address already in use) (errno: 98)` and exit status 1, which means warnings here).
            let text = "\(error)"
            let reason = text.contains("Address already in use") ? "the port is in use (another server?); choose another --port"
                : text.contains("Permission denied") ? "not allowed to listen on that port; choose one above 1023"
                : text.contains("bind(") || text.contains("Cannot assign requested address") ? "cannot listen there (\(text))" : nil
            guard let reason else {
                Terminal.error("the server stopped: \(text)")
                throw ExitCode(69)
            }
            Terminal.error("cannot serve on \(host):\(port): \(reason)")
            throw ExitCode(69)
        }
    }
}

import ServiceLifecycle

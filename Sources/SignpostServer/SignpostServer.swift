import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Signpost

/// `signpost serve`: the search API in the Open Referral UK shape and the search page, over the
/// live directory.
///
/// Routes: `GET /` (the page for browsers, the API description otherwise), `GET /services`,
/// `GET /services/{id}`, `GET /shortlist`, `GET /healthz`, `GET /metrics`, `/style.css`, `/app.js`.
public enum SignpostServer {
    /// Longest request target accepted (longer: 414 URI Too Long).
    public static let maximumTargetLength = 4096

    /// Builds the application.
    ///
    /// - Parameters:
    ///   - live: the directory to serve (swapped by a ``SnapshotReloader``).
    ///   - services: background services to run with the server (the reloader).
    public static func application(live: LiveDirectory, city: CityData, host: String = "127.0.0.1", port: Int = 8080,
                                   logger: Logger, metrics: ServerMetrics = ServerMetrics(), services: [any ServiceLifecycle.Service] = [],
                                   onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = Router()
        router.add(middleware: Instrumentation(metrics: metrics, logger: logger))
        let handlers = Handlers(live: live, city: city, metrics: metrics)
        // Each address answers GET; HEAD with the same headers, Content-Length the GET's, and no body
        // (HEAD was "not a Signpost address", then said Content-Length: 0); OPTIONS with what it allows,
        // and for the API a CORS preflight's answer; other methods get 405 with Allow (in the middleware).
        func route(_ path: RouterPath, _ handler: @escaping @Sendable (Request, BasicRequestContext) -> Response) {
            router.get(path) { request, context in handler(request, context) }
            router.head(path) { request, context in handler(request, context).createHeadResponse() }
            router.on(path, method: .options) { request, _ in Handlers.options(request) }
        }
        route("/") { request, _ in handlers.root(request) }
        route("/services") { request, _ in handlers.services(request) }
        route("/services/:id") { request, context in handlers.service(request, id: context.parameters.get("id") ?? "") }
        route("/shortlist") { request, _ in handlers.shortlist(request) }
        route("/healthz") { _, _ in handlers.health() }
        route("/metrics") { _, _ in handlers.metricsText() }
        route("/style.css") { _, _ in Handlers.text(Assets.css, type: "text/css; charset=utf-8", cache: true) }
        route("/app.js") { _, _ in Handlers.text(Assets.js, type: "text/javascript; charset=utf-8", cache: true) }
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "signpost"),
            services: services,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
            logger: logger
        )
    }
}

/// Times every request, counts it by route and status, logs it, and turns unexpected errors into
/// JSON error responses.
struct Instrumentation: RouterMiddleware {
    typealias Context = BasicRequestContext
    let metrics: ServerMetrics
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = DispatchTime.now().uptimeNanoseconds
        var response: Response
        if request.uri.description.utf8.count > SignpostServer.maximumTargetLength {
            response = Handlers.error(.uriTooLong, "request target too long",
                                      "the request target is longer than \(SignpostServer.maximumTargetLength) bytes")
        } else {
            do { response = try await next(request, context) } catch let e as HTTPError where e.status == .notFound {
                if request.method != .get && request.method != .head && Self.route(request.uri.path) != "other" {
                    response = Handlers.error(.methodNotAllowed, "method not allowed", "\(request.uri.path) answers GET, HEAD and OPTIONS only")
                    response.headers[.allow] = Handlers.allowed
                } else {
                    response = Handlers.error(.notFound, "not found", "\(request.uri.path) is not a Signpost address; see GET /")
                }
            } catch {
                logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
                response = Handlers.error(.internalServerError, "internal error", "the request could not be answered")
            }
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let route = Self.route(request.uri.path)
        metrics.record(route: route, status: Int(response.status.code), seconds: seconds)
        logger.debug("request", metadata: ["method": "\(request.method)", "path": "\(request.uri.path)",
                                           "status": "\(response.status.code)", "ms": "\(String(format: "%.2f", seconds * 1000))"])
        return response
    }

    /// Route names for metrics (ids are not label values).
    static func route(_ path: String) -> String {
        if path.hasPrefix("/services/") { return "/services/{id}" }
        return ["/", "/services", "/shortlist", "/healthz", "/metrics", "/style.css", "/app.js"].contains(path) ? path : "other"
    }
}

/// The request handlers.
struct Handlers: Sendable {
    let live: LiveDirectory
    let city: CityData
    let metrics: ServerMetrics

    /// Query parameters, percent-decoded, `+` read as a space (HTML forms).
    static func parameters(_ request: Request) -> [(String, String)] {
        (try? parameters(request, strict: false)) ?? []
    }

    /// The query's parameters, decoded; when `strict`, one whose value is not percent-encoded UTF-8
    /// (`text=caf%E9`) is refused, naming it (it was searched as the words `caf e9`).
    static func parameters(_ request: Request, strict: Bool) throws(BadParameter) -> [(String, String)] {
        guard let query = request.uri.query, !query.isEmpty else { return [] }
        var out: [(String, String)] = []
        for pair in query.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let raw = (String(kv[0]), kv.count > 1 ? String(kv[1]) : "")
            let name = raw.0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            let value = raw.1.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            if strict && (name == nil || value == nil) {
                throw BadParameter(name: name ?? raw.0, detail: "is not percent-encoded UTF-8 text (\"\(raw.1.prefix(40))\")")
            }
            out.append((name ?? raw.0, value ?? raw.1))
        }
        return out
    }

    /// The methods every Signpost address answers.
    static let allowed = "GET, HEAD, OPTIONS"

    /// What an address allows (`Allow`); for the API, which any origin may read, also a CORS preflight's
    /// answer: GET and HEAD from any origin, with the headers the preflight asks to send (a page elsewhere
    /// that sent `Accept-Language` or its own header with its request was refused by the browser: OPTIONS
    /// was 405). The page and its files have no cross-origin use and get `Allow` alone.
    static func options(_ request: Request) -> Response {
        var headers: HTTPFields = [.allow: allowed, .cacheControl: "public, max-age=86400"]
        if Instrumentation.route(request.uri.path).hasPrefix("/services") {
            headers[.accessControlAllowOrigin] = "*"
            headers[.accessControlAllowMethods] = "GET, HEAD"
            if let asked = request.headers[.accessControlRequestHeaders] { headers[.accessControlAllowHeaders] = asked }
            headers[.accessControlMaxAge] = "86400"
        }
        return Response(status: .noContent, headers: headers)
    }

    static func wantsHTML(_ request: Request) -> Bool {
        let accept = request.headers[.accept] ?? ""
        return accept.contains("text/html")
    }

    static func json(_ o: JSONOutput, status: HTTPResponse.Status = .ok) -> Response {
        var response = text(o.text, type: "application/json; charset=utf-8", status: status)
        // The API is a public directory's, read by other tools' web pages (Open Referral clients): any
        // origin may read it. (Not the page, which has no cross-origin use.)
        response.headers[.accessControlAllowOrigin] = "*"
        return response
    }

    static func text(_ s: String, type: String, status: HTTPResponse.Status = .ok, cache: Bool = false) -> Response {
        var headers: HTTPFields = [.contentType: type]
        headers[.cacheControl] = cache ? "public, max-age=3600" : "no-store"
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        if type.hasPrefix("text/html") {
            headers[.init("Content-Security-Policy")!] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: s)))
    }

    static func error(_ status: HTTPResponse.Status, _ error: String, _ detail: String) -> Response {
        json(.object([("error", .string(error)), ("detail", .string(detail))]), status: status)
    }

    static let unavailable = error(.serviceUnavailable, "no snapshot loaded", "the server has no directory to answer from yet; load one with `signpost load`")

    func now() -> Int64 { Int64(Date().timeIntervalSince1970) }

    // MARK: Routes

    func root(_ request: Request) -> Response {
        let params = Self.parameters(request)
        guard Self.wantsHTML(request) || params.contains(where: { $0.0 == "q" || $0.0 == "partial" }) else { return description() }
        var page = SearchPage(cityName: city.gazetteer.cityNames.first ?? "your area", zone: city.zone)
        page.filters = SearchPage.filters(in: params)
        let q = params.last { $0.0 == "q" }?.1 ?? ""
        let at = params.last { $0.0 == "at" }?.1
        let partial = params.contains { $0.0 == "partial" }
        // Pages of 25 (a search that found 133 showed 25 and no way to the rest).
        let pageNumber = params.last { $0.0 == "page" }.flatMap { Int($0.1) }.map { min(max($0, 1), 100_000) } ?? 1
        guard let current = live.current else {
            let html = partial ? page.results(query: q, response: nil, at: at, notice: "The directory is not loaded yet; please try again shortly.")
                : page.render(query: q, response: nil, at: at, notice: "The directory is not loaded yet; please try again shortly.")
            return Self.text(html, type: "text/html; charset=utf-8", status: .serviceUnavailable)
        }
        var response: SearchResponse? = nil
        var notice: String? = nil
        // A parameter the page does not read (`wards=`) is said, with the one meant: an ignored filter
        // looks applied (the API refuses it; the page still answers the rest).
        if let unknown = params.first(where: { !SearchParameters.names.contains($0.0) && $0.0 != "partial" }) {
            let meant = SearchParameters.meant(unknown.0, among: SearchPage.filterNames)
            notice = "\"\(unknown.0)\" is not a filter the page reads" + (meant.map { " (did you mean \"\($0)\"?)" } ?? "") + "; it was left out."
        }
        if !q.trimmingCharacters(in: .whitespaces).isEmpty || !page.filters.isEmpty {
            do {
                let p = try SearchParameters([("text", q)] + (at.map { [("at", $0)] } ?? []) + page.filters.map { ($0.name, $0.value) }
                                             + [("per_page", String(SearchPage.perPage)), ("page", String(pageNumber))],
                                             zone: city.zone, now: now())
                try p.checkNames(in: current.directory)
                var r = p.request
                r.exactTotal = false
                response = current.directory.search(r)
            } catch {
                // In the page's words, not the API's parameter names (`text: is 349 characters`).
                let said = ["text": "Your question", "at": "The time given"][error.name] ?? "The filter \(error.name)"
                notice = "\(said) \(error.detail)" + (error.name == "text" ? "; please shorten it." : "")
            }
        }
        let html = partial ? page.results(query: q, response: response, at: at, notice: notice, page: pageNumber)
            : page.render(query: q, response: response, at: at, notice: notice, page: pageNumber)
        return Self.text(html, type: "text/html; charset=utf-8")
    }

    func description() -> Response {
        Self.json(.object([
            ("title", "Signpost"),
            ("description", "Community services: who does what, where, when. Open Referral UK v3 shaped API."),
            ("version", "3.0"),
            ("profile", "https://openreferraluk.org"),
            ("endpoints", .array([
                .object([("path", "/services"), ("parameters", .array(SearchParameters.names.map { .string($0) }))]),
                .object([("path", "/services/{id}")]), .object([("path", "/healthz")]), .object([("path", "/metrics")]),
            ])),
            ("services", live.current.map { .int($0.directory.count) } ?? .null),
        ]))
    }

    func services(_ request: Request) -> Response {
        guard let current = live.current else { return Self.unavailable }
        let p: SearchParameters
        do throws(BadParameter) {
            p = try SearchParameters(Self.parameters(request, strict: true), zone: city.zone, now: now())
            try p.checkNames(in: current.directory)
        } catch {
            let tooLong = error.name == "text" && error.detail.contains("at most")
            return Self.error(tooLong ? .contentTooLarge : .badRequest, "bad parameter: \(error.name)", "\(error.name): \(error.detail)")
        }
        let r = current.directory.search(p.request)
        return Self.json(ORUKPage.json(r, page: p.page, perPage: p.perPage, zone: city.zone))
    }

    func service(_ request: Request, id raw: String) -> Response {
        guard let current = live.current else { return Self.unavailable }
        // The id as the path carries it, percent-encoded (`a%20b`, `%2F`: an id with a space or a slash, as a
        // hub's spreadsheet may have, was never found), and as written when that is not an encoding.
        let id = raw.removingPercentEncoding ?? raw
        guard let doc = current.directory.snapshot.document(matchingID: id) ?? current.directory.snapshot.document(matchingID: raw) else {
            return Self.error(.notFound, "not found", "no service has the id \"\(id)\"")
        }
        let s = current.directory.snapshot.service(doc)
        // `at` as in a search (it was ignored, and a bad one accepted).
        let reference: Int64
        do throws(BadParameter) {
            reference = try SearchParameters.reference(at: Self.parameters(request).last(where: { $0.0 == "at" })?.1, zone: city.zone, now: now())
        } catch {
            return Self.error(.badRequest, "bad parameter: \(error.name)", "\(error.name): \(error.detail)")
        }
        guard case .object(var m) = s.hsdsJSON() else { return Self.unavailable }
        m += ORUKPage.hours(s, wallNow: city.zone.wallMinute(atUTC: reference), city.zone)
        return Self.json(.object(m))
    }

    func shortlist(_ request: Request) -> Response {
        guard let current = live.current else { return Self.unavailable }
        let params = Self.parameters(request)
        let ids = params.filter { $0.0 == "id" }.map(\.1).prefix(50)
        let services: [Signpost.Service] = ids.compactMap { id in current.directory.snapshot.document(matchingID: id).map(current.directory.snapshot.service) }
        var page = SearchPage(cityName: city.gazetteer.cityNames.first ?? "your area", zone: city.zone)
        page.filters = SearchPage.filters(in: params)
        return Self.text(page.shortlist(services, wallNow: city.zone.wallMinute(atUTC: now()), asked: ids.count, query: params.last { $0.0 == "q" }?.1 ?? ""),
                         type: "text/html; charset=utf-8")
    }

    func health() -> Response {
        guard let current = live.current else {
            return Self.json(.object([("status", "unavailable"), ("detail", "no snapshot loaded")]), status: .serviceUnavailable)
        }
        return Self.json(.object([
            ("status", "ok"), ("services", .int(current.directory.count)),
            ("snapshot", .optional(current.file?.lastPathComponent)),
            ("since", .string(ISO8601DateFormatter().string(from: current.since))),
        ]))
    }

    func metricsText() -> Response {
        let current = live.current
        let text = metrics.render(snapshotAge: current.map { Date().timeIntervalSince($0.since) }, services: current?.directory.count,
                                  snapshotBytes: current?.directory.snapshot.byteSize)
        return Self.text(text, type: "text/plain; version=0.0.4; charset=utf-8")
    }
}

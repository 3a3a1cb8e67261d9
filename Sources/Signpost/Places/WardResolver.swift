/// Decides the ward of each location and of each service area, reporting names it cannot place.
///
/// A location's ward: the record's own ward (`x_ward`) when it names one; else a service area
/// naming exactly one ward; else the postcode sector or district; else the nearest ward centroid to
/// the coordinates.
struct WardResolver {
    let gazetteer: Gazetteer
    /// Coordinates further than this from every ward centroid are outside the city.
    let maximumDistanceKm = 12.0

    /// Reads a service-area name: a ward, the whole city, a neighbourhood (its ward), or a part of the
    /// city of several wards (each of them, said: `Morley` is Morley North and Morley South, and was
    /// read as Morley South alone; `West Leeds` was no place at all).
    func serviceAreas(_ name: String, field: String, offset: Int?, _ ctx: inout RecordContext) -> [ServiceArea] {
        if gazetteer.wards.isEmpty { return [ServiceArea(name: name)] }
        if gazetteer.isWholeCity(name) { return [ServiceArea(name: name, isWholeCity: true)] }
        let named = gazetteer.wards(forName: Self.withoutWardWord(name))
        if named.count == 1 { return [ServiceArea(name: name, ward: named[0].name)] }
        if named.count > 1 {
            let list = Wording.list(named.map(\.name))
            ctx.repaired("area-of-wards", field, value: name, at: offset, "covers \(named.count) wards",
                         hint: "read as \(list); name the wards to say so yourself")
            return named.map { ServiceArea(name: $0.name, ward: $0.name) }
        }
        let hint = gazetteer.suggestions(for: name).first.map { "did you mean \"\($0)\"?" }
            ?? "use a ward name or \"\(gazetteer.cityNames.first ?? "the city")\""
        ctx.warning("unknown-area", field, value: name, at: offset, "is not a ward or neighbourhood of \(gazetteer.cityNames.first ?? "the city")", hint: hint)
        return [ServiceArea(name: name)]
    }

    /// A name without a trailing `ward` (`Wetherby ward`, `Armley Ward`: a ward's name said as one).
    static func withoutWardWord(_ name: String) -> String {
        let t = name.trimmed
        guard t.utf8.count > 5, t.lowercased().hasSuffix(" ward") else { return t }
        return String(t.dropLast(5)).trimmed
    }

    /// Fills in `location.ward` and `wardSource`.
    func resolve(_ location: inout Location, explicitWard: String?, explicitField: String, explicitOffset: Int?,
                 areas: [ServiceArea], field: String, _ ctx: inout RecordContext) {
        // Without a gazetteer there are no wards to find and nothing to check places against.
        if gazetteer.wards.isEmpty { return }
        let city = gazetteer.cityNames.first ?? "the city"
        // The postcode and coordinates are checked even when the ward is given.
        var postcodeWards: [Ward] = []
        if let pc = location.postcode, !pc.isEmpty {
            if !Postcode.isFull(pc) && !Postcode.isDistrict(pc) {
                ctx.warning("bad-postcode", field + ".postcode", value: pc, "is not a UK postcode", hint: "write it as e.g. LS12 1AB")
            } else {
                postcodeWards = gazetteer.wards(forPostcode: pc)
                // A district alone (`LS1`) places a service only roughly (it was taken without a word).
                if !Postcode.isFull(pc) && !postcodeWards.isEmpty {
                    ctx.warning("partial-postcode", field + ".postcode", value: pc, "is a postcode district, not a full postcode",
                                hint: "give the full postcode (e.g. \(pc) 1AB) so the ward and distance are right")
                }
                if postcodeWards.isEmpty {
                    // What places the service instead, if anything (it said "the ward was worked out from other
                    // fields" when there were none).
                    let coordinatesInCity = location.latitude.flatMap { lat in location.longitude.flatMap { lon in
                        gazetteer.nearestWard(latitude: lat, longitude: lon).map { $0.km <= maximumDistanceKm } } } ?? false
                    let instead: String
                    if let w = explicitWard?.trimmed, !w.isEmpty { instead = "the ward given (\(w)) places the service" }
                    else if coordinatesInCity { instead = "the service is placed by its coordinates" }
                    else if !areas.isEmpty { instead = "the service is placed by the areas it serves" }
                    else { instead = "nothing else places the service: give its ward, or a postcode in \(city)" }
                    ctx.warning("postcode-outside", field + ".postcode", value: pc, "is not in \(city)", hint: "check the postcode; " + instead)
                }
            }
        }
        if let lat = location.latitude, let lon = location.longitude,
           gazetteer.nearestWard(latitude: lat, longitude: lon).map({ $0.km > maximumDistanceKm }) ?? false {
            ctx.warning("coordinates-outside", field + ".latitude", value: "\(lat), \(lon)", "is outside \(city)",
                        hint: "check latitude and longitude are not swapped or mistyped")
            location.latitude = nil
            location.longitude = nil
        }
        /// A ward given that its full postcode is not in: said, the ward kept (a service moved and only
        /// its postcode was changed).
        func checkAgainstPostcode(_ w: Ward, said: String) {
            guard let pc = location.postcode, Postcode.isFull(pc), !postcodeWards.isEmpty, !postcodeWards.contains(where: { $0.name == w.name }) else { return }
            ctx.warning("ward-postcode", explicitField, value: said, at: explicitOffset,
                        "does not hold the postcode \(pc), which is in \(postcodeWards.map(\.name).joined(separator: " or "))",
                        hint: "the ward is kept; check which of the two is right")
        }
        if let raw = explicitWard?.trimmed, !raw.isEmpty {
            // Several wards in the one cell (`Armley; Bramley`), or a name that covers several (`Morley`):
            // a site is in one. The one holding its postcode, else the nearest to its coordinates, else
            // the first; said either way (it was "not a Leeds ward", and placed from elsewhere).
            let parts = raw.split(whereSeparator: { $0 == ";" || $0 == "," || $0 == "/" || $0 == "|" }).map { String($0).trimmed }.filter { !$0.isEmpty }
            var named: [Ward] = []
            for p in parts {
                let ws = gazetteer.wards(forName: Self.withoutWardWord(p))
                if ws.isEmpty { named = []; break }
                for w in ws where !named.contains(where: { $0.id == w.id }) { named.append(w) }
            }
            // Several names of one ward (`Seacroft; Killingbeck`): that ward.
            if named.count == 1 && parts.count > 1 {
                location.ward = named[0].name
                location.wardSource = .explicit
                checkAgainstPostcode(named[0], said: raw)
                return
            }
            if named.count > 1 {
                let chosen: Ward, how: String
                if let w = postcodeWards.first(where: { pw in named.contains { $0.id == pw.id } }) {
                    (chosen, how) = (w, "from its postcode")
                } else if let lat = location.latitude, let lon = location.longitude,
                          let nearest = gazetteer.nearestWard(latitude: lat, longitude: lon, among: named) {
                    (chosen, how) = (nearest.ward, "nearest to its coordinates")
                } else {
                    (chosen, how) = (named[0], "the first, as nothing else says which")
                }
                location.ward = chosen.name
                location.wardSource = .explicit
                let reason = parts.count > 1 ? "names \(named.count) wards (\(Wording.list(named.map(\.name)))); a site is in one"
                    : "covers \(named.count) wards (\(Wording.list(named.map(\.name)))); a site is in one"
                ctx.repaired("several-wards", explicitField, value: raw, at: explicitOffset, reason,
                             hint: "placed in \(chosen.name) (\(how)); write the site's own ward, and the wards it serves under service_areas")
                return
            }
            let name = Self.withoutWardWord(raw)
            if let w = gazetteer.ward(named: name) {
                location.ward = w.name
                location.wardSource = .explicit
                checkAgainstPostcode(w, said: raw)
                return
            }
            if let w = gazetteer.ward(forPlace: name) {
                ctx.repaired("ward-is-neighbourhood", explicitField, value: raw, at: explicitOffset,
                             "is a neighbourhood, not a ward", hint: "read as the ward \"\(w.name)\"")
                location.ward = w.name
                location.wardSource = .explicit
                checkAgainstPostcode(w, said: raw)
                return
            }
            // Said once the ward is known, with where the location was put (`Armly` with "did you mean
            // Armley?" was placed in Roundhay from its postcode, and the message did not say so).
            let suggestion = gazetteer.suggestions(for: name).first.map { "did you mean \"\($0)\"?" }
            defer {
                let from = location.wardSource == .serviceArea ? "service area" : location.wardSource == .postcode ? "postcode" : "coordinates"
                let placed = location.ward.map { "placed in \($0) from its \(from)" } ?? "not placed in a ward"
                ctx.warning("unknown-ward", explicitField, value: raw, at: explicitOffset, "is not a \(city) ward",
                            hint: (suggestion.map { $0 + " It was " } ?? "") + placed)
            }
            resolveFromOtherFields(&location, areas: areas, postcodeWards: postcodeWards)
            return
        }
        resolveFromOtherFields(&location, areas: areas, postcodeWards: postcodeWards)
    }

    /// The ward from the service areas, the postcode or the coordinates.
    private func resolveFromOtherFields(_ location: inout Location, areas: [ServiceArea], postcodeWards: [Ward]) {
        let areaWards = areas.compactMap(\.ward)
        var unique: [String] = []
        for w in areaWards where !unique.contains(w) { unique.append(w) }
        if unique.count == 1 {
            location.ward = unique[0]
            location.wardSource = .serviceArea
            return
        }
        if unique.count > 1, let match = postcodeWards.first(where: { unique.contains($0.name) }) {
            location.ward = match.name
            location.wardSource = .serviceArea
            return
        }
        if !postcodeWards.isEmpty {
            if postcodeWards.count > 1, let lat = location.latitude, let lon = location.longitude,
               let nearest = gazetteer.nearestWard(latitude: lat, longitude: lon, among: postcodeWards) {
                location.ward = nearest.ward.name
            } else {
                location.ward = postcodeWards[0].name
            }
            location.wardSource = .postcode
            return
        }
        if let lat = location.latitude, let lon = location.longitude,
           let nearest = gazetteer.nearestWard(latitude: lat, longitude: lon) {
            location.ward = nearest.ward.name
            location.wardSource = .coordinates
        }
    }
}

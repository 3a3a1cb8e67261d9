import Foundation

extension Gazetteer {
    /// Reads `wards.tsv`, `neighbourhoods.tsv`, `postcodes.tsv`, `city.tsv` and, when there are,
    /// `areas.tsv` and `elsewhere.tsv` from a folder.
    ///
    /// - Throws: ``ResourceError`` naming the file and line of the first problem.
    public static func load(from folder: URL) throws(ResourceError) -> Gazetteer {
        let wardFile = folder.appendingPathComponent("wards.tsv")
        let wardRows = try TabSeparated(contentsOf: wardFile).rows
        var byName: [String: Int] = [:]
        for (i, row) in wardRows.enumerated() { byName[key(row[1])] = i }
        var wards: [Ward] = []
        for (i, row) in wardRows.enumerated() {
            guard !row[1].isEmpty, let lat = Double(row[2]), let lon = Double(row[3]) else {
                throw ResourceError(file: wardFile.path, line: row.line, reason: "expected code, name, latitude, longitude, neighbours")
            }
            var neighbours: [Int] = []
            for n in TabSeparated.list(row[4]) {
                guard let id = byName[key(n)] else {
                    throw ResourceError(file: wardFile.path, line: row.line, reason: "neighbour \"\(n)\" is not a ward in this file")
                }
                neighbours.append(id)
            }
            wards.append(Ward(id: i, code: row[0], name: row[1], latitude: lat, longitude: lon, neighbours: neighbours))
        }
        func wardID(_ name: String, _ file: URL, _ line: Int) throws(ResourceError) -> Int {
            guard let id = byName[key(name)] else {
                throw ResourceError(file: file.path, line: line, reason: "\"\(name)\" is not a ward in wards.tsv")
            }
            return id
        }
        let placeFile = folder.appendingPathComponent("neighbourhoods.tsv")
        var places: [Place] = []
        for row in try TabSeparated(contentsOf: placeFile).rows {
            places.append(Place(name: row[0], ward: try wardID(row[1], placeFile, row.line), aliases: TabSeparated.list(row[2])))
        }
        // Parts of the city of several wards (optional).
        let areaFile = folder.appendingPathComponent("areas.tsv")
        var cityAreas: [Area] = []
        if FileManager.default.fileExists(atPath: areaFile.path) {
            for row in try TabSeparated(contentsOf: areaFile).rows {
                var ids: [Int] = []
                for name in TabSeparated.list(row[1]) { ids.append(try wardID(name, areaFile, row.line)) }
                guard !row[0].isEmpty, !ids.isEmpty else { throw ResourceError(file: areaFile.path, line: row.line, reason: "expected name, wards, aliases") }
                cityAreas.append(Area(name: row[0], wards: ids, aliases: TabSeparated.list(row[2])))
            }
        }
        let postcodeFile = folder.appendingPathComponent("postcodes.tsv")
        var areas: [String: [Int]] = [:]
        for row in try TabSeparated(contentsOf: postcodeFile).rows {
            var ids: [Int] = []
            for name in TabSeparated.list(row[1]) { ids.append(try wardID(name, postcodeFile, row.line)) }
            areas[Postcode.normalise(row[0])] = ids
        }
        let cityFile = folder.appendingPathComponent("city.tsv")
        let cityNames = try TabSeparated(contentsOf: cityFile).rows.map { $0[0] }.filter { !$0.isEmpty }
        guard !cityNames.isEmpty else { throw ResourceError(file: cityFile.path, line: nil, reason: "names no city") }
        // Towns near the city but outside it (optional).
        let elsewhereFile = folder.appendingPathComponent("elsewhere.tsv")
        var elsewhere: [String] = []
        if FileManager.default.fileExists(atPath: elsewhereFile.path) {
            for row in try TabSeparated(contentsOf: elsewhereFile).rows {
                guard !row[0].isEmpty, !row[0].contains(" ") else {
                    throw ResourceError(file: elsewhereFile.path, line: row.line, reason: "expected one name of one word (\"\(row[0])\")")
                }
                elsewhere.append(row[0])
            }
        }
        return Gazetteer(wards: wards, places: places, areas: cityAreas, postcodeAreas: areas, cityNames: cityNames, elsewhere: elsewhere)
    }
}

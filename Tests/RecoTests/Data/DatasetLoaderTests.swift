import Foundation
import Reco
import RecoTestSupport
import Testing

struct DatasetLoaderTests {
    @Test func readsHeaderlessCommaFile() throws {
        let path = Fixtures.file("ratings.txt", "u1,i1,4\nu1,i2,3.5\nu2,i1,1\n")
        let dataset = try DatasetLoader().load(path)
        #expect(dataset.format == .csv)
        #expect(dataset.ratings.userIDs.ids == ["u1", "u2"])
        #expect(dataset.ratings.itemIDs.ids == ["i1", "i2"])
        #expect(dataset.ratings.rating(user: 0, item: 1) == 3.5)
        #expect(dataset.ratings.rating(user: 1, item: 1) == nil)
        #expect(!dataset.ratings.hasTimestamps)
    }

    @Test func readsHeaderBomCrlfQuotesAndTabs() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let text = "userId,movieId,rating,timestamp\r\n\"a, b\",\"x \"\"y\"\"\",5,100\r\n7,x,2,200\r\n"
        let path = Fixtures.file("export.csv", bytes: bom + Array(text.utf8))
        let dataset = try DatasetLoader().load(path)
        #expect(dataset.ratings.userIDs.ids == ["a, b", "7"])
        #expect(dataset.ratings.itemIDs.ids == ["x \"y\"", "x"])
        #expect(dataset.ratings.hasTimestamps)
        #expect(dataset.ratings.userTimestamps == [100, 200])
        let tabs = try DatasetLoader().load(Fixtures.file("r.tsv", "1\t2\t3\n2\t2\t4\n"))
        #expect(tabs.ratings.count == 2)
    }

    @Test func numericLookingIdsStayDistinctStrings() throws {
        // "7" and "007" are different items; a quoted "7" and a spaced " 7" are the item "7".
        let path = Fixtures.file("n.csv", "u,7,1\nu,007,2\nv,\"7\",3\nw, 7,4\nw,x7,5\n")
        let ratings = try DatasetLoader().load(path).ratings
        #expect(ratings.itemIDs.ids == ["7", "007", "x7"])
        #expect(ratings.ratingCount(ofItem: 0) == 3)
        #expect(ratings.rating(user: 0, item: 1) == 2)
    }

    @Test func duplicatesKeepTheLastValueAndAreCounted() throws {
        let path = Fixtures.file("d.csv", "u,i,1\nu,j,2\nu,i,5\nv,i,3\nu,i,4\n")
        let ratings = try DatasetLoader().load(path).ratings
        #expect(ratings.count == 3)
        #expect(ratings.duplicateCount == 2)
        #expect(ratings.rating(user: 0, item: 0) == 4)
    }

    @Test func csrAndCscAgree() throws {
        let ratings = Fixtures.plantedLowRank(users: 17, items: 11, rank: 2, density: 0.4, seed: 5)
        var fromColumns: [String: Float] = [:]
        for item in 0..<ratings.itemCount {
            for p in ratings.itemRange(item) { fromColumns["\(ratings.itemUsers[p])-\(item)"] = ratings.itemRatings[p] }
        }
        var fromRows: [String: Float] = [:]
        for user in 0..<ratings.userCount {
            for p in ratings.userRange(user) { fromRows["\(user)-\(ratings.userItems[p])"] = ratings.userRatings[p] }
        }
        #expect(fromRows == fromColumns)
        #expect(fromRows.count == ratings.count)
    }

    @Test func readsMovieLens100kFolder() throws {
        let folder = Fixtures.temporaryFolder()
        Fixtures.file("u.data", "1\t10\t4\t881250949\n2\t10\t2\t881250950\n1\t20\t5\t881250951\n", in: folder)
        let flags = (0..<19).map { $0 == 15 || $0 == 1 ? "1" : "0" }.joined(separator: "|")
        let other = (0..<19).map { $0 == 8 ? "1" : "0" }.joined(separator: "|")
        // u.item is Latin-1: "Café" with é = 0xE9.
        var item = Array("10|Star Wars (1977)|01-Jan-1977||http://x|\(flags)\n".utf8)
        item += Array("20|Caf".utf8) + [0xE9] + Array(" (1990)|01-Jan-1990||http://y|\(other)\n".utf8)
        _ = Fixtures.file("u.item", bytes: item, in: folder)
        let dataset = try DatasetLoader().load(folder)
        #expect(dataset.format == .movielens)
        #expect(dataset.itemTitles == ["Star Wars (1977)", "Café (1990)"])
        let features = try #require(dataset.itemFeatures)
        #expect(features.names.count == 19)
        #expect(
            features.matrix.row(0).enumerated().filter { $0.element == 1 }.map { features.names[$0.offset] } == [
                "Action", "Sci-Fi",
            ])
        #expect(dataset.item(titled: "star wars (1977)") == 0)
        #expect(dataset.ratings.userTimestamps.count == 3)
    }

    @Test func readsMovieLensCsvAndDatLayouts() throws {
        let csvFolder = Fixtures.temporaryFolder()
        Fixtures.file(
            "ratings.csv", "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,4.5,964981247\n2,1,3,1\n",
            in: csvFolder)
        Fixtures.file(
            "movies.csv",
            "movieId,title,genres\n1,Toy Story (1995),Adventure|Animation|Children\n3,\"American President, The (1995)\",(no genres listed)\n",
            in: csvFolder)
        let csv = try DatasetLoader().load(csvFolder)
        #expect(csv.itemTitles == ["Toy Story (1995)", "American President, The (1995)"])
        #expect(csv.itemFeatures?.names == ["Adventure", "Animation", "Children"])
        #expect(csv.itemFeatures?.matrix.row(1) == [0, 0, 0])

        let datFolder = Fixtures.temporaryFolder()
        Fixtures.file("ratings.dat", "1::1193::5::978300760\n1::661::3::978302109\n", in: datFolder)
        Fixtures.file(
            "movies.dat",
            "1193::One Flew Over the Cuckoo's Nest (1975)::Drama\n661::James and the Giant Peach (1996)::Animation|Children's|Musical\n",
            in: datFolder)
        let dat = try DatasetLoader(format: .movielens).load(datFolder)
        #expect(dat.ratings.count == 2)
        #expect(dat.title(ofItem: 1) == "James and the Giant Peach (1996)")
    }

    @Test func readsRecBoleAtomicFiles() throws {
        let folder = Fixtures.temporaryFolder()
        Fixtures.file(
            "toy.inter",
            "user_id:token\titem_id:token\trating:float\ttimestamp:float\n196\t242\t3\t881250949\n186\t302\t3\t891717742\n",
            in: folder)
        Fixtures.file(
            "toy.item",
            "item_id:token\tmovie_title:token_seq\trelease_year:token\tclass:token_seq\n242\tKolya\t1996\tComedy\n302\tL.A. Confidential\t1997\tCrime Film-Noir Mystery Thriller\n",
            in: folder)
        let dataset = try DatasetLoader().load(folder)
        #expect(dataset.format == .recbole)
        #expect(dataset.itemTitles == ["Kolya (1996)", "L.A. Confidential (1997)"])
        #expect(dataset.itemFeatures?.names == ["Comedy", "Crime", "Film-Noir", "Mystery", "Thriller"])
    }

    @Test func readsDenseMatrixWithNaNAndEmptyCells() throws {
        let path = Fixtures.file("y.csv", "5,4,nan\n,3,1\n2,NaN,4\n")
        let dataset = try DatasetLoader(format: .dense).load(path)
        #expect(dataset.ratings.count == 6)
        let dense = try DenseRatings.load(path)
        #expect(dense.mask == [true, true, false, false, true, true, true, false, true])
        let named = try DenseRatings.load(Fixtures.file("named.csv", "user,A,B\nalice,4,\nbob,,2\n"))
        #expect(named.userIDs.ids == ["alice", "bob"])
        #expect(named.itemIDs.ids == ["A", "B"])
        #expect(named.ratingMatrix.rating(user: 1, item: 1) == 2)
    }

    @Test func numericItemFeatureTableReplacesGenres() throws {
        let ratings = Fixtures.file("r.csv", "u,a,4\nu,b,2\n")
        let features = Fixtures.file("f.csv", "item,romance,action\nb,0.1,0.9\na,1,0\n")
        let dataset = try DatasetLoader(itemFeaturesPath: features).load(ratings)
        #expect(dataset.itemFeatures?.names == ["romance", "action"])
        #expect(dataset.itemFeatures?.matrix.nestedRows == [[1, 0], [0.1, 0.9]])
    }

    // MARK: - Bad input: every case names file, line and text.

    @Test func missingColumnNamesFileLineAndText() throws {
        let path = Fixtures.file("bad.csv", "u,i,4\nu,j\n")
        let error = try #require(throws: DataError.self) { try DatasetLoader().load(path) }
        #expect(
            error
                == .missingColumn(
                    file: path, line: 2, text: "u,j", expected: "3 columns (user, item, rating[, timestamp])"))
        #expect(error.description.contains("bad.csv:2"))
    }

    @Test func ratingThatIsNotANumber() throws {
        let path = Fixtures.file("bad.csv", "u,i,4\nu,j,five\n")
        let error = try #require(throws: DataError.self) { try DatasetLoader().load(path) }
        #expect(error == .notANumber(file: path, line: 2, column: "rating", text: "five"))
        #expect(error.description == "\(path):2: rating 'five' is not a number")
    }

    @Test(arguments: ["nan", "inf", "-Infinity"])
    func ratingThatIsNotFinite(text: String) throws {
        let path = Fixtures.file("bad.csv", "u,i,4\nu,j,\(text)\n")
        let error = try #require(throws: DataError.self) { try DatasetLoader().load(path) }
        #expect(error == .notFinite(file: path, line: 2, column: "rating", text: text))
    }

    @Test func emptyFilesAndHeaderOnlyFiles() throws {
        let empty = Fixtures.file("empty.csv", "")
        #expect(throws: DataError.emptyFile(file: empty)) { try DatasetLoader().load(empty) }
        let blank = Fixtures.file("blank.csv", "\n  \n")
        #expect(throws: DataError.emptyFile(file: blank)) { try DatasetLoader().load(blank) }
        let headerOnly = Fixtures.file("h.csv", "user,item,rating\n")
        #expect(throws: DataError.emptyFile(file: headerOnly)) { try DatasetLoader().load(headerOnly) }
    }

    @Test func missingPathAndUnknownFolder() throws {
        #expect(throws: DataError.fileNotFound(path: "/no/such/ratings.csv")) {
            try DatasetLoader().load("/no/such/ratings.csv")
        }
        let folder = Fixtures.temporaryFolder()
        let error = try #require(throws: DataError.self) { try DatasetLoader().load(folder) }
        guard case .unknownFormat = error else { Issue.record("expected unknownFormat, got \(error)"); return }
    }

    @Test func unterminatedQuoteAndRaggedDenseRow() throws {
        let quote = Fixtures.file("q.csv", "u,i,4\n\"u,i,3\n")
        #expect(throws: DataError.unterminatedQuote(file: quote, line: 2, text: "\"u,i,3")) {
            try DatasetLoader().load(quote)
        }
        let ragged = Fixtures.file("y.csv", "1,2,3\n4,5\n")
        #expect(throws: DataError.raggedRow(file: ragged, line: 2, found: 2, expected: 3)) {
            try DenseRatings.load(ragged)
        }
        let word = Fixtures.file("w.csv", "1,2,3\n4,x,5\n")
        #expect(throws: DataError.notANumber(file: word, line: 2, column: "cell 2", text: "x")) {
            try DenseRatings.load(word)
        }
        let infinite = Fixtures.file("i.csv", "1,2,3\n4,inf,5\n")
        #expect(throws: DataError.notFinite(file: infinite, line: 2, column: "cell 2", text: "inf")) {
            try DenseRatings.load(infinite)
        }
    }

    @Test func badTimestampAndShortMovieLensRow() throws {
        let time = Fixtures.file("t.csv", "u,i,4,100\nu,j,3,yesterday\n")
        #expect(throws: DataError.notANumber(file: time, line: 2, column: "timestamp", text: "yesterday")) {
            try DatasetLoader().load(time)
        }
        let folder = Fixtures.temporaryFolder()
        Fixtures.file("u.data", "1\t10\t4\t1\n", in: folder)
        let item = Fixtures.file("u.item", "10|Short row|x\n", in: folder)
        let error = try #require(throws: DataError.self) { try DatasetLoader().load(folder) }
        #expect(
            error == .missingColumn(file: item, line: 1, text: "10|Short row|x", expected: "24 '|'-separated columns"))
    }

    @Test func denseFormatMustBeAskedFor() throws {
        // A lone numeric file is read as user,item,rating rows under auto, never as a dense matrix.
        let path = Fixtures.file("m.csv", "1,2,3\n4,5,6\n")
        #expect(try DatasetLoader().load(path).ratings.count == 2)
        #expect(try DatasetLoader(format: .dense).load(path).ratings.count == 6)
    }
}

struct ItemFeatureAlignmentTests {
    @Test func featuresFollowTheItemsOfASplitById() throws {
        let ratings = Fixtures.file("r.csv", "u,a,4\nu,b,2\nv,c,5\nv,a,1\n")
        let features = Fixtures.file("f.csv", "item,x\na,1\nb,2\nc,3\n")
        let dataset = try DatasetLoader(itemFeaturesPath: features).load(ratings)
        for split in Splitter.kFold(dataset.ratings, folds: 2, seed: 3) {
            let aligned = try #require(dataset.itemFeatures(alignedTo: split.train))
            for item in 0..<split.train.itemCount {
                let id = split.train.itemIDs.id(at: item)
                #expect(aligned.matrix[item, 0] == ["a": 1, "b": 2, "c": 3][id])
            }
        }
    }
}

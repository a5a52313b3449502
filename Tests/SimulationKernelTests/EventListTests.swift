import Testing

@testable import SimulationKernel

@Suite struct EventListTests {
  @Test func popsInTimeOrderWithFIFOTies() {
    var list = EventList()
    let times: [Double] = [5, 1, 3, 1, 9, 0, 3, 3, 7, 2, 8, 1]
    for (index, time) in times.enumerated() {
      list.schedule(at: time, kind: 0, subject: UInt32(index))
      let valid = list.isValidHeap()
      #expect(valid)
    }
    var popped: [(Double, UInt32)] = []
    while let event = list.popFirst() {
      popped.append((event.time, event.subject))
      let valid = list.isValidHeap()
      #expect(valid)
    }
    let expected = times.enumerated().sorted { ($0.element, $0.offset) < ($1.element, $1.offset) }
    #expect(popped.map(\.0) == expected.map(\.element))
    #expect(popped.map(\.1) == expected.map { UInt32($0.offset) })
  }

  @Test func interleavedScheduleAndPopMatchesSortedOrder() {
    var list = EventList()
    var reference: [(Double, UInt64)] = []
    var state: UInt64 = 12345
    var sequence: UInt64 = 0
    var lastPopped = -Double.infinity
    for step in 0..<5000 {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      if step % 3 != 2 || reference.isEmpty {
        let time = max(lastPopped, 0) + Double(state >> 40) / 1000
        list.schedule(at: time, kind: 1, subject: 0)
        reference.append((time, sequence))
        sequence += 1
      } else {
        reference.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        let expected = reference.removeFirst()
        let event = list.popFirst()
        #expect(event?.time == expected.0)
        #expect(event?.sequence == expected.1)
        lastPopped = expected.0
      }
    }
  }

  /// Many events at few distinct times exercise the tie-break on every
  /// level of the heap, including partly filled last levels.
  @Test func heavyTiesKeepInsertionOrder() {
    var list = EventList()
    var reference: [(Double, UInt64)] = []
    var sequence: UInt64 = 0
    var state: UInt64 = 99
    var floor = 0.0
    for step in 0..<6000 {
      state = state &* 6364136223846793005 &+ 1442695040888963407
      if step % 5 < 3 || reference.isEmpty {
        let time = floor + Double((state >> 60) % 3)
        list.schedule(at: time, kind: 0, subject: UInt32(truncatingIfNeeded: sequence))
        reference.append((time, sequence))
        sequence += 1
      } else {
        let next = reference.indices.min { (reference[$0].0, reference[$0].1) < (reference[$1].0, reference[$1].1) }!
        let expected = reference.remove(at: next)
        let event = list.popFirst()
        #expect(event?.time == expected.0)
        #expect(event?.sequence == expected.1)
        floor = expected.0
      }
    }
    let valid = list.isValidHeap()
    #expect(valid)
  }

  /// -0 equals 0, so it keeps insertion order with it (its bit pattern
  /// alone would sort it last).
  @Test func negativeZeroTiesWithZero() {
    var list = EventList()
    list.schedule(at: 0, kind: 0, subject: 1)
    list.schedule(at: -0.0, kind: 0, subject: 2)
    list.schedule(at: 0, kind: 0, subject: 3)
    list.schedule(at: 1, kind: 0, subject: 4)
    #expect([list.popFirst(), list.popFirst(), list.popFirst(), list.popFirst()].map { $0?.subject } == [1, 2, 3, 4])
  }

  @Test func schedulerAdvancesClock() {
    var scheduler = Scheduler()
    scheduler.schedule(at: 2, kind: 7, subject: 1)
    scheduler.schedule(at: 1, kind: 8, subject: 2)
    #expect(scheduler.nextEvent()?.kind == 8)
    #expect(scheduler.now == 1)
    #expect(scheduler.nextEvent()?.kind == 7)
    #expect(scheduler.now == 2)
    #expect(scheduler.nextEvent() == nil)
  }
}

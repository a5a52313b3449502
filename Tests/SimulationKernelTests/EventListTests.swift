import Testing

@testable import SimulationKernel

@Suite struct EventListTests {
  @Test func popsInTimeOrderWithFIFOTies() {
    var list = EventList()
    let times: [Double] = [5, 1, 3, 1, 9, 0, 3, 3, 7, 2, 8, 1]
    for (index, time) in times.enumerated() {
      list.schedule(at: time, kind: 0, subject: UInt32(index))
      #expect(list.isValidHeap())
    }
    var popped: [(Double, UInt32)] = []
    while let event = list.popFirst() {
      popped.append((event.time, event.subject))
      #expect(list.isValidHeap())
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

  @Test func schedulerAdvancesClock() {
    var scheduler = Scheduler()
    scheduler.schedule(at: 2, kind: 7, subject: 1)
    scheduler.schedule(at: 1, kind: 8, subject: 2)
    #expect(scheduler.next()?.kind == 8)
    #expect(scheduler.now == 1)
    #expect(scheduler.next()?.kind == 7)
    #expect(scheduler.now == 2)
    #expect(scheduler.next() == nil)
  }
}

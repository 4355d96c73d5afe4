package agents

import (
	"time"

	"github.com/sahelsim/sahelsim/sim"
)

// Default returns the model's default parameters: the report's window, the
// seven groups with their documented defaults, the security forces, and no
// policy lever. Zones are scenario data (see scenarios/baseline.toml); with
// none, every cell is in the zone "rest".
func Default() Params {
	d := func(y int, m time.Month, day int) sim.Date { return sim.NewDate(y, m, day) }
	p := Params{
		Start:    d(2017, 1, 1),
		End:      d(2020, 9, 30),
		StepDays: 7,
		Seed:     1,
		Map:      MapParams{Resolution: 0.5, Dense: 100, LocalKm: 30, DensityKm: 60},
		Zones:    map[string]*Zone{},
		Groups: Groups{
			FLM: GroupParams{
				Label: "Macina Liberation Front (FLM)", Coalition: "JNIM", Fighters: 550,
				Leader: "Amadou Koufa", Succession: 0.9, SuccessionWeeks: 8,
				Political: 0.193, Kin: []string{"fulani"}, Claims: 0.1,
				Areas: []string{"Mopti", "Ségou", "Sahel", "Nord"}, Home: [2]float64{14.5, -4.3}, HomeKm: 200,
				Treasury: 2e6, Upkeep: 3600, Transit: 0.15, Mining: 0.15, Zakat: 5, Ransom: 50000,
			},
			AnsarDine: GroupParams{
				Label: "Ansar Dine", Coalition: "JNIM", Fighters: 550,
				Leader: "Iyad Ag Ghali", Succession: 0.9, SuccessionWeeks: 8,
				Political: 0.85, Kin: []string{"tuareg_arab"}, Claims: 0.3,
				Areas: []string{"Kidal", "Tombouctou", "Gao"}, Home: [2]float64{18.4, 1.4}, HomeKm: 250,
				Treasury: 5e6, Upkeep: 3800, Transit: 0.3, Mining: 0.2, Zakat: 0.5, Ransom: 2e6,
			},
			KatibaSerma: GroupParams{
				Label: "Katiba Serma", Coalition: "JNIM", Fighters: 100,
				Leader: "Abu Jalil al Fulani", Succession: 0.8, SuccessionWeeks: 8,
				Political: 0.3, Kin: []string{"fulani"}, Claims: 0.1,
				Areas: []string{"Mopti"}, Home: [2]float64{15.1, -1.9}, HomeKm: 120,
				Treasury: 3e5, Upkeep: 3000, Transit: 0.15, Mining: 0.1, Zakat: 1.0, Ransom: 50000,
			},
			AnsaroulIslam: GroupParams{
				Label: "Ansaroul Islam", Coalition: "JNIM", Fighters: 190,
				Leader: "Ibrahim Dicko", LeaderKilled: d(2017, 6, 1), Succession: 0.9, SuccessionWeeks: 12,
				Political: 0.25, Kin: []string{"fulani"}, Claims: 0.05,
				Areas: []string{"Sahel", "Nord"}, Home: [2]float64{14.1, -1.6}, HomeKm: 100,
				Treasury: 3e5, Upkeep: 2500, Transit: 0.15, Mining: 0.25, Zakat: 1.0, Ransom: 30000,
			},
			AQIMSahara: GroupParams{
				Label: "AQIM Sahara", Coalition: "JNIM", Fighters: 150,
				Leader: "Djamel Okacha", LeaderKilled: d(2019, 2, 21), Succession: 0.2, SuccessionWeeks: 26,
				Political: 0.4, Kin: []string{"tuareg_arab"}, Claims: 0.4,
				Areas: []string{"Tombouctou"}, Home: [2]float64{16.8, -3.0}, HomeKm: 300,
				Treasury: 3e6, Upkeep: 5000, Transit: 0.3, Mining: 0.1, Zakat: 0.2, Ransom: 2e6,
			},
			AlMourabitoun: GroupParams{
				Label: "al Mourabitoun", Coalition: "JNIM", Fighters: 150,
				Leader: "Mohamed Ould Nouini", LeaderKilled: d(2019, 11, 1), Succession: 0.2, SuccessionWeeks: 26,
				Political: 0.4, Kin: []string{"tuareg_arab"}, Claims: 0.4,
				Areas: []string{"Gao"}, Home: [2]float64{16.3, 0.0}, HomeKm: 200,
				Treasury: 2e6, Upkeep: 5000, Transit: 0.3, Mining: 0.1, Zakat: 0.2, Ransom: 2e6,
			},
			ISGS: GroupParams{
				Label: "Islamic State in the Greater Sahara (ISGS)", Coalition: "", Fighters: 250,
				Leader: "Adnan Abu Walid al-Sahrawi", Succession: 0.8, SuccessionWeeks: 8,
				Political: 0.1, Kin: []string{"fulani", "tuareg_arab"}, Claims: 0.4,
				Areas: []string{"Tillabéri", "Tahoua", "Gao", "Sahel"}, Home: [2]float64{15.5, 1.8}, HomeKm: 200,
				Treasury: 1e6, Upkeep: 3400, Transit: 0.2, Mining: 0.2, Zakat: 3, Ransom: 50000,
			},
		},
		Fighters: FighterParams{
			Defection: 0.004, Realign: 0.35, ChurnRealign: 0.8, Criminal: 0.4, Recidivism: 0.002, Pressure: 1.0, Leaderless: 6, Unpaid: 2.5,
			MoveShare: 0.125, Mobility: 50, BandSize: 30, Ideological: 0.4, Programme: 0.5, Reaccepted: 0.25,
			StartHome: 0.3, StartPeople: 0.2, Committed: 0.6, Material: 0.45, UnpaidYears: 0.25, Opportunity: 0.3,
			RealignKin: 2, Stigmatised: 0.5, Relapse: 0.5,
		},
		Movement: MovementParams{
			Home: 1.5, Gold: 0.8, Transit: 0.5, People: 0.4, Cover: 0.5, Far: 1.0, FarKm: 120, Money: 0.8,
			Lure: 2.0, LureKm: 150, LureValue: 5e6, Support: 0.6, Kin: 1.0, Pressure: 1.2, Rivals: 0.4,
			Crowding: 1.2, Noise: 0.35, Leaderless: 0.3, AreaFloor: 0.196, RivalsCap: 3,
		},
		Violence: ViolenceParams{
			Tempo: 0.043, Civilians: 1.56, Leaders: 0.4, Security: 1.0, Explosive: 4, Kidnap: 0.6, Rivals: 0.5,
			Restraint: 1.0, Outgroup: 0.25, Resistance: 1.0, Base: 0.15, Churn: 0.7, Broke: 0.7,
			Commit: 4.5, KillForces: 1.05, KillCivil: 0.8, KillLeader: 0.2, KillIED: 2.0, KillKidnap: 0.1, KillClash: 0.8,
			AttackLoss: 0.3, SupportLoss: 0.05, RansomPaid: 0.3,
			Mood: 0.588, Crowd: 0.75, LeadersLeft: 5, PresenceCap: 2, Guarded: 0.5, Patrols: 0.5, Roads: 0.2, Travellers: 0.3,
			Stakes: 0.5, ClashCapture: 0.1, LeaderShock: 0.5,
		},
		Recruitment: RecruitmentParams{Rate: 24.8, Outgroup: 0.15, Stigma: 1.6, Threat: 0.5, MaxShare: 0.00166, Settled: 0.5, Pay: 0.3,
			Mood: 0.482, Aims: 0.5, Welcome: 0.503},
		Leadership: LeadershipParams{
			Cohesion: 0.682, Rate: 0.05, Death: 0.619, Churn: 0.6, Leaderless: 0.3, Dissension: 0.3, Commander: 0.02,
			Govern: 0.5, Standing: 0.5, Grazing: 0.2, Halved: 0.5,
		},
		Rivalry: RivalryParams{Start: 0.1, Competition: 0.004, Calm: 0.01, Clash: 0.02, Defection: 0.005, Network: 0.05,
			Talks: 0.01, Tolerance: 0.3},
		Crime: CrimeParams{Rate: 1.0, Kill: 0.5, Fear: 0.5, RecruitBack: 0.005, Arrest: 0.01},
		Communities: CommunityParams{
			Grievance: 0.209, GrievanceDecay: 0.005, FearDecay: 0.02, StigmaDecay: 0.01, ReprisalHarm: 0.3, AttackFear: 0.2,
			StigmaAttack: 0.1, LeadersPer: 3, Threat: 0.05, Support: 0.002,
			Militia: 0.1, MilitiaDecay: 0.005, MilitiaStrike: 0.02, MilitiaKill: 5, Arming: 0.02, ArmingLevel: 30,
			Displacement: 0.05, FlightMax: 0.16, FearThreshold: 0.1, Return: 0.01, Protection: 0.02, Regularised: 0.002,
			StateStart: 0.5, GroupStart: 0.15, MiningShare: 0.5, TradeShare: 0.3, ProtectGrievance: 0.25, ProtectFear: 2.5,
			RuleSupport: 3, RuleFear: 5, FlightEvent: 500, StrikeReach: 2, Suspicion: 0.05, ReprisalTrust: 0.5, ReprisalFear: 0.5,
			Armed: 0.01,
		},
		Forces: Forces{
			MaliArmy: ForceParams{Label: "Malian Armed Forces (FAMa)", Kind: National, Countries: []string{"MLI"},
				Units: 40, Strength: 150, Posture: Blunt, Intelligence: 0.25, Mobility: 36.8},
			BurkinaArmy: ForceParams{Label: "Burkina Faso Armed Forces", Kind: National, Countries: []string{"BFA"},
				Units: 30, Strength: 150, Posture: Blunt, Intelligence: 0.2, Mobility: 40},
			NigerArmy: ForceParams{Label: "Niger Armed Forces", Kind: National, Countries: []string{"NER"},
				Units: 15, Strength: 150, Posture: Blunt, Intelligence: 0.25, Mobility: 40},
			International: ForceParams{Label: "International forces (Barkhane, MINUSMA)", Kind: International, Countries: []string{"MLI", "BFA", "NER"},
				Units: 32, Strength: 300, Posture: Discriminating, Intelligence: 0.5, Mobility: 80},
			Militias: ForceParams{Label: "Auxiliaries and pro-government armed groups", Kind: Auxiliary, Countries: []string{"MLI", "BFA"},
				Units: 20, Strength: 100, Posture: Blunt, Intelligence: 0.3, Mobility: 15},
			Presence: 150, Sustained: 12, SustainedLevel: 0.6, Reach: 150, Response: 0.356, Lethality: 0.25, Blunt: 0.35,
			Engage: 0.5, Engaged: 40, Collateral: 2.0, Capture: 0.3, Decapitation: 0.01, UnitSize: 150,
			SizeCap: 1.5, Blind: 0.5, Deploy: 0.2, DeployReach: 2, DeployPeople: 0.1,
		},
		Attribution: AttributionParams{Claims: true, Reporting: true, Coalition: 0.6, Report: 0.6, Base: 0.05, Sharing: 0.2,
			Accuracy: 0.85, Generic: 0.6, AreaKm: 75, Operates: 10, Falloff: 0.5, Crime: 0.6},
		Illicit: IllicitParams{Trafficking: 40e6, Road: 10e6, GoldKg: 60, GoldPrice: 46900, Recovery: 0.02, Switch: 2,
			SwitchWeeks: 4, RouteKm: 28, MiningKm: 50},
	}
	for _, g := range p.Groups.List() {
		g.Civilians, g.Leaders, g.Security, g.Explosive, g.Kidnap, g.Rivals = 1, 1, 1, 1, 1, 1
	}
	return p
}

// defaultLever is the part every lever shares: from 2018-01-01, full
// intensity, everywhere and against every group unless narrowed.
func defaultLever() Lever {
	return Lever{Start: sim.NewDate(2018, 1, 1), Intensity: 1}
}

// SetDefaults fills d with the lever's documented defaults.
func (d *Disaggregation) SetDefaults() {
	*d = Disaggregation{Lever: defaultLever(), Gathering: 0.4, Sharing: 0.6,
		Mechanisms: DisaggregationMechanisms{Gathering: true, Sharing: true}}
}

// SetDefaults fills c with the lever's documented defaults.
func (c *Counterinsurgency) SetDefaults() {
	l := defaultLever()
	l.Zones = []string{"central_mali", "northern_burkina"}
	*c = Counterinsurgency{Lever: l, Units: 20, Strength: 150, Posture: Discriminating, Intelligence: 0.4, Interdiction: 0.5,
		CutOff:     []string{"southwestern_burkina"},
		Mechanisms: CounterinsurgencyMechanisms{Presence: true, Interdiction: true, Posture: true}}
}

// SetDefaults fills n with the lever's documented defaults.
func (n *IllicitNetworks) SetDefaults() {
	l := defaultLever()
	l.Groups = []string{"ansar_dine"}
	*n = IllicitNetworks{Lever: l, Enforcement: 0.03, Standing: 0.005,
		Mechanisms: IllicitNetworksMechanisms{Enforcement: true, Standing: true}}
}

// SetDefaults fills c with the lever's documented defaults.
func (c *CommunityProtection) SetDefaults() {
	l := defaultLever()
	l.Zones = []string{"central_mali", "northern_burkina"}
	*c = CommunityProtection{Lever: l, Units: 30, Strength: 100, Intelligence: 0.3, LeaderGuard: 0.6, Regularise: 0.5,
		Mechanisms: CommunityProtectionMechanisms{Units: true, LeaderGuard: true, RegulariseMining: true}}
}

// SetDefaults fills s with the lever's documented defaults.
func (s *PoliticalSettlement) SetDefaults() {
	l := defaultLever()
	l.Groups = []string{"ansar_dine"}
	*s = PoliticalSettlement{Lever: l, Talks: 0.05, Progress: 0.03, Spoilers: 0.005, Partial: 0.5, Ceasefire: 0.8,
		Split: 0.5, Breakdown: 0.05, Weariness: 0.5, PartialCeasefire: 0.5, Cooldown: 26,
		Mechanisms: PoliticalSettlementMechanisms{Ceasefire: true, Split: true, Rivalry: true, Recruits: true}}
}

// SetDefaults fills r with the lever's documented defaults.
func (r *Reintegration) SetDefaults() {
	*r = Reintegration{Lever: defaultLever(), Capacity: 3000, Amnesty: 3.0, Acceptance: 0.7, Weeks: 26, Deterrence: 0.25,
		Mechanisms: ReintegrationMechanisms{Amnesty: true, Programmes: true, Deterrence: true}}
}

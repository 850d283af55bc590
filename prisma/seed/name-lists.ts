// Fixed lists, so generated people have realistic names without a faker dependency.

export const firstNames: readonly string[] = [
  "Aaliyah", "Adrian", "Aisha", "Alejandro", "Amara", "Anders", "Ananya", "Arjun", "Astrid", "Beatriz",
  "Benjamin", "Bianca", "Camille", "Carlos", "Chen", "Chidi", "Clara", "Daniel", "Daria", "Deepa",
  "Diego", "Elena", "Elif", "Emeka", "Emma", "Eun-ji", "Fatima", "Felix", "Gabriel", "Grace",
  "Hana", "Hassan", "Ingrid", "Isaac", "Ivan", "Jamal", "Javier", "Julia", "Kai", "Kavya",
  "Kenji", "Keisha", "Lars", "Layla", "Leon", "Lucia", "Mateo", "Maya", "Mei", "Miguel",
  "Mira", "Nadia", "Naveen", "Nia", "Noah", "Olga", "Omar", "Oscar", "Priya", "Rafael",
  "Rania", "Ravi", "Rosa", "Sakura", "Samir", "Sara", "Sebastian", "Sofia", "Soren", "Tariq",
  "Tomas", "Valentina", "Victor", "Wei", "Yara", "Yusuf", "Zainab", "Zoe", "Hugo", "Ines",
];

export const lastNames: readonly string[] = [
  "Abara", "Adeyemi", "Andersson", "Bakker", "Banerjee", "Becker", "Bianchi", "Castillo", "Chen", "Costa",
  "Dubois", "Eriksen", "Farouk", "Fernandes", "Garcia", "Gupta", "Haddad", "Hansen", "Hernandez", "Ibrahim",
  "Ito", "Jansen", "Jovanovic", "Kapoor", "Kaur", "Kowalski", "Kruger", "Larsen", "Lindqvist", "Lopez",
  "Mahmoud", "Martin", "Mensah", "Moreau", "Murphy", "Nakamura", "Novak", "Nowak", "Obi", "Olsen",
  "Ortiz", "Park", "Petrov", "Popescu", "Rahman", "Ramos", "Rossi", "Sato", "Schmidt", "Silva",
  "Singh", "Sokolova", "Suzuki", "Tanaka", "Torres", "Tran", "Vasquez", "Volkov", "Wagner", "Walsh",
  "Wang", "Weber", "Williams", "Wojcik", "Yamamoto", "Yilmaz", "Zhang", "Zhou", "Zielinski", "Mbeki",
];

"""Name pools for demo guests, in Latin, Cyrillic and CJK scripts."""

LATIN_FIRST = (
    "Olivia", "Jack", "Charlotte", "William", "Zoë", "Noah", "Amélie", "Lucas", "Isla",
    "Thomas", "Chloé", "Henry", "Mia", "Liam", "Sophie", "Oscar", "Grace", "Mateo",
    "Lucía", "Nguyễn", "Aroha", "Priya", "Rohan", "Élodie", "Giulia", "Marco",
)
LATIN_LAST = (
    "Smith", "Nguyen", "Williams", "Brown", "Wilson", "Taylor", "Martin", "Anderson",
    "Thompson", "Lefèvre", "Rossi", "García", "O'Brien", "Kowalski", "Müller", "Tran",
    "Patel", "Singh", "Walker", "Harris", "Da Silva", "Fontaine", "Moreau", "Kelly",
)
CYRILLIC_FIRST = (
    "Иван", "Алексей", "Дмитрий", "Сергей", "Анна", "Мария", "Елена", "Ольга",
    "Наталья", "Михаил", "Татьяна", "Владимир", "Юлия", "Андрей", "Ксения",
)
CYRILLIC_LAST = (
    "Петров", "Иванов", "Смирнов", "Кузнецов", "Соколов", "Попов", "Лебедев",
    "Козлов", "Новиков", "Морозов", "Волков", "Соловьёв", "Васильев", "Зайцев",
)
CJK_CHINESE_FAMILY = ("王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "林", "郭")
CJK_CHINESE_GIVEN = ("小明", "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "洋", "艳")
CJK_JAPANESE = ("山田 太郎", "佐藤 花子", "鈴木 一郎", "高橋 美咲", "田中 健", "渡辺 結衣")
HANGUL = ("김민준", "이서연", "박지훈", "최수아", "정하윤", "강도윤")

ALIASES = (
    "Mr Blue", "Ms Garnet", "Mr Oak", "Ms Willow", "Mr Harbour", "Ms Sapphire",
    "Mr Cedar", "Ms Coral", "Mr Falcon", "Ms Ivy", "Mr Onyx", "Ms Pearl",
)
